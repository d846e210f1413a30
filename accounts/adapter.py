from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from core.http import client_ip, site_url

MAX_EMAIL_LENGTH = 254  # the address column, and RFC 5321's limit on a usable address
# Where a visitor who signed up goes after the first log-in (see `continue_after_signup`).
AFTER_SIGNUP_KEY = "accounts:after-signup"


def continue_after_signup(request, url: str) -> None:
    """Send this browser to `url` after its next log-in, which follows sign-up.

    allauth keeps `?next=` through a log-in, but not through sign-up: the mandatory
    e-mail verification and the log-in after it start afresh. The session does not.
    """
    request.session[AFTER_SIGNUP_KEY] = url


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mail fields have no length limit: refuse what the column cannot store."""

    def clean_email(self, email):
        email = super().clean_email(email)
        if len(email) > MAX_EMAIL_LENGTH:
            raise forms.ValidationError(
                f"An e-mail address can be at most {MAX_EMAIL_LENGTH} characters long."
            )
        return email

    def get_login_redirect_url(self, request):
        """After log-in with no `next`: the page a visitor was on their way to when they
        signed up (continue_after_signup), else the usual LOGIN_REDIRECT_URL."""
        url = request.session.pop(AFTER_SIGNUP_KEY, None)
        if url and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
            return url
        return super().get_login_redirect_url(request)

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
