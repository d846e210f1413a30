from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from core.http import client_ip

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

    def get_client_ip(self, request):
        """allauth's rate limits count clients by the site's one rule (core.http)."""
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Count wrong passwords per address alone.

        allauth adds the request's host, which without django.contrib.sites is
        the Host header: any port in it (example.com:1, :2, ...) would start a
        fresh count and get past the lockout. allauth names this hook private;
        tests/accounts/test_rate_limits.py fails if an upgrade stops using it.
        """
        return credentials.get("email", credentials.get("username", "")).lower()
