from django import forms
from django.utils.translation import gettext_lazy as _

from newsletter.models import is_plain_name


class NewsletterForm(forms.Form):
    """The signup form, on /newsletter/, the home page and every page's footer."""

    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = forms.CharField(
        label=_("First name (optional)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    @classmethod
    def for_request(cls, request, data=None, *, auto_id="id_%s"):
        """Prefilled with a logged-in user's address, and remembering the page it is on."""
        initial = {"source": request.path}
        # No `user` yet when a request fails before the authentication
        # middleware (a bad Host header's 400 page).
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            initial["email"] = user.email
        return cls(data, initial=initial, auto_id=auto_id)

    def clean_first_name(self):
        name = " ".join(self.cleaned_data["first_name"].split())
        if name and not is_plain_name(name):
            raise forms.ValidationError(
                _("Use letters, spaces, apostrophes and hyphens only (no numbers or links).")
            )
        return name

    def clean_source(self):
        """The page the form was on: a path on this site, or nothing."""
        source = self.cleaned_data["source"]
        return source if source.startswith("/") and not source.startswith("//") else ""

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
