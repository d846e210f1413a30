"""Account operations that touch several models."""

from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import Subscriber, User
from plans.models import Routine
from workouts.services import export_for

ADMIN_ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
DELETED_ACCOUNT = "(deleted account)"


def newsletter_signups(*, user: User) -> QuerySet[Subscriber]:
    """Signups for the account's address and for any other address the user has verified."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    signups = Subscriber.objects.none()
    for address in {user.email, *verified}:
        signups |= Subscriber.objects.for_email(address)
    return signups


def export_user_data(*, user: User) -> dict:
    """Everything the user owns, as plain data for a JSON download."""
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "weight_unit": user.weight_unit,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "permissions": sorted(
                f"{app_label}.{codename}"
                for app_label, codename in user.user_permissions.values_list(
                    "content_type__app_label", "codename"
                )
            ),
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
            for subscriber in newsletter_signups(user=user).order_by("email")
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
                                "load": item.load_text(user.weight_unit),
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
        "log": export_for(user),
        # What a staff member did in the admin: which object, not its name (which may be
        # someone else's address).
        "admin_actions": [
            {
                "time": entry.action_time.isoformat(),
                "action": ADMIN_ACTIONS.get(entry.action_flag, str(entry.action_flag)),
                "object_type": entry.content_type and entry.content_type.natural_key(),
                "object_id": entry.object_id,
                "change": entry.get_change_message(),
            }
            for entry in LogEntry.objects.filter(user=user)
            .select_related("content_type")
            .order_by("action_time")
        ],
    }


@transaction.atomic
def delete_account(*, request: HttpRequest, user: User) -> None:
    """Delete the user, everything they own (through the foreign keys' cascade), their
    newsletter signups, which are tied to the address rather than the account, and their
    sessions on other devices. The admin's history keeps its entries about these rows, but
    no longer names them."""
    logout(request)
    end_sessions(user=user)
    signups = newsletter_signups(user=user)
    forget_admin_names(User.objects.filter(pk=user.pk))
    forget_admin_names(EmailAddress.objects.filter(user=user))
    forget_admin_names(signups)
    forget_admin_names(Routine.objects.owned_by(user))
    signups.delete()
    user.delete()


def end_sessions(*, user: User) -> None:
    """Log the user out on every device. The session table does not index sessions by user,
    so each row is decoded; account deletion is rare enough for that."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):  # sessions kept only in the cache or a cookie
        return
    for session in store.get_model_class().objects.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session_key=session.session_key).delete()


def forget_admin_names(queryset: QuerySet) -> None:
    """The admin's log names each object it touched (a user's or a subscriber's address)."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id__in=[str(pk) for pk in queryset.values_list("pk", flat=True)],
    ).update(object_repr=DELETED_ACCOUNT)
