from allauth.account.adapter import DefaultAccountAdapter
from django import forms

MAX_EMAIL_LENGTH = 254  # the address column, and RFC 5321's limit on a usable address


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mail fields have no length limit: refuse what the column cannot store."""

    def clean_email(self, email):
        email = super().clean_email(email)
        if len(email) > MAX_EMAIL_LENGTH:
            raise forms.ValidationError(
                f"An e-mail address can be at most {MAX_EMAIL_LENGTH} characters long."
            )
        return email
