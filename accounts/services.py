"""Account operations that touch several models."""

import secrets
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User
from accounts.personal_data import PARTS

ADMIN_ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
DELETED_ACCOUNT = "(deleted account)"


def export_user_data(*, user: User) -> dict:
    """Everything the user owns, as plain data for a JSON download."""
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "weight_unit": user.weight_unit,
            "time_zone": user.time_zone,
            "calendar_feed_token": user.calendar_token,
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
        **{key: part.export(user) for key, part in PARTS.items()},
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
    """Delete the user, everything each app keeps about them (accounts.personal_data:
    routines, and newsletter signups, which are tied to the address rather than the
    account), and their sessions on other devices. The admin's history keeps its entries
    about these rows, but no longer names them."""
    logout(request)
    end_sessions(user=user)
    forget_admin_names(User.objects.filter(pk=user.pk))
    forget_admin_names(EmailAddress.objects.filter(user=user))
    for part in PARTS.values():
        rows = part.rows(user)
        forget_admin_names(rows)
        rows.delete()
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


@transaction.atomic
def rotate_calendar_token(*, user: User) -> str:
    """A new private calendar feed address; the old one stops working at once."""
    user.calendar_token = secrets.token_urlsafe(32)
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


@transaction.atomic
def revoke_calendar_token(*, user: User) -> None:
    user.calendar_token = None
    user.save(update_fields=["calendar_token"])
