"""Keeping cached pages and downloads true to the database.

A change to a routine, or to one of its sessions or items, retires the
routine's topic in the page cache (its owner's page and downloads); a change
to a starter template also retires the public pages, which show templates.
"""

from config.pagecache import CONTENT, retire_on_commit
from plans.models import Routine, Session


def routine_topic(routine_id: int) -> str:
    return f"routine:{routine_id}"


def retire_routines(routines) -> None:
    for pk, is_template in routines.values_list("pk", "is_template"):
        retire_on_commit(routine_topic(pk), *([CONTENT] if is_template else []))


def routine_changed(sender, instance, **kwargs):
    if kwargs.get("origin") not in (None, instance):
        return  # part of deleting a whole routine or account: nothing left to show
    if isinstance(instance, Routine):
        retire_on_commit(routine_topic(instance.pk), *([CONTENT] if instance.is_template else []))
    elif isinstance(instance, Session):
        retire_routines(Routine.objects.filter(pk=instance.routine_id))
    else:
        retire_routines(Routine.objects.filter(sessions=instance.session_id))
