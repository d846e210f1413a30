import zoneinfo

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.limits import within_limit

# Passwords tried on the delete-account form, per member: (how many, in seconds).
DELETE_ATTEMPTS = (5, 15 * 60)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, doing the same work whether or not the address has an account.

    allauth answers a taken address with the same page (ACCOUNT_PREVENT_ENUMERATION),
    but skipped hashing the password, the slow part of creating an account: the time
    told which addresses are members. And when the same new address is sent twice at
    once, the second insert breaks the unique e-mail: it is then a taken address too.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])  # what set_password costs a new account
            return super().try_save(request)
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            self.account_already_exists = True
            return super().try_save(request)


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        required=False,
        help_text=_("Your calendar feed places sessions at their time in this zone."),
    )

    class Meta:
        model = User
        fields = ["display_name", "weight_unit", "time_zone"]
        widgets = {"weight_unit": forms.RadioSelect}

    def clean_time_zone(self):
        """Not sent (an older form): the zone it had."""
        return self.cleaned_data["time_zone"] or self.instance.time_zone


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("We ask for it so that nobody else can delete your account."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not within_limit(f"delete-account:{self.user.pk}", *DELETE_ATTEMPTS):
            raise forms.ValidationError(
                _("Too many tries. Wait 15 minutes, or reset your password first."),
                code="too_many_attempts",
            )
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
