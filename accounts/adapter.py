from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings

from core.http import client_ip, site_url

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

    def get_email_confirmation_url(self, request, emailconfirmation):
        return site_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return site_url(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        """Every link in allauth's e-mails, and the site named in them, on SITE_URL."""
        domain = urlsplit(settings.SITE_URL).netloc
        context = {
            "current_site": SimpleNamespace(name="Runner Strength", domain=domain),
            **{
                key: site_url(value) if key.endswith("_url") else value
                for key, value in context.items()
            },
        }
        super().send_mail(template_prefix, email, context)

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
