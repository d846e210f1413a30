"""Account operations that touch several models."""

from allauth.account.models import EmailAddress
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest

from accounts.models import User


def export_user_data(*, user: User) -> dict:
    """Everything the user owns, as plain data for a JSON download."""
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "weight_unit": user.weight_unit,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
    }


@transaction.atomic
def delete_account(*, request: HttpRequest, user: User) -> None:
    """Delete the user and, through the foreign keys' cascade, everything they own."""
    logout(request)
    user.delete()
