"""Account operations that touch several models."""

from allauth.account.models import EmailAddress
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest

from accounts.models import Subscriber, User
from plans.models import Routine


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
        "newsletter": [
            {
                "email": subscriber.email,
                "first_name": subscriber.first_name,
                "status": subscriber.status,
                "consent_text": subscriber.consent_text,
                "consented_at": subscriber.consented_at.isoformat(),
                "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
            }
            for subscriber in Subscriber.objects.for_email(user.email)
        ],
        "routines": [
            {
                "name": routine.name,
                "notes": routine.notes,
                "focus": routine.focus,
                "sessions_per_week": routine.sessions_per_week,
                "created": routine.created.isoformat(),
                "updated": routine.updated.isoformat(),
                "sessions": [
                    {
                        "name": session.name,
                        "exercises": [
                            {
                                "exercise": item.exercise.name,
                                "sets": item.sets,
                                "reps": item.reps_text,
                                "hold_seconds": item.hold_seconds,
                                "per_side": item.per_side,
                                "load": item.load,
                                "rest_seconds": item.rest_seconds,
                                "notes": item.notes,
                            }
                            for item in session.items.all()
                        ],
                    }
                    for session in routine.sessions.all()
                ],
            }
            for routine in Routine.objects.owned_by(user).with_contents().order_by("created")
        ],
    }


@transaction.atomic
def delete_account(*, request: HttpRequest, user: User) -> None:
    """Delete the user, everything they own (through the foreign keys' cascade) and their
    newsletter signup, which is tied to the address rather than the account."""
    logout(request)
    Subscriber.objects.for_email(user.email).delete()
    user.delete()
