"""Keeping cached pages and downloads true to the database.

A change to a session or an item moves its routine's `updated` time on, which
keys the owner's cached routine page and downloads (config.pagecache). A change
to a starter template also retires the public pages, which show templates.
"""

from config.pagecache import content_changed
from plans.models import Routine, Session


def routine_changed(sender, instance, **kwargs):
    if kwargs.get("origin") not in (None, instance):
        return  # part of deleting a whole routine or account: nothing left to show
    if isinstance(instance, Routine):
        is_template = instance.is_template  # its own save has moved `updated` on
    else:
        if isinstance(instance, Session):
            routines = Routine.objects.filter(pk=instance.routine_id)
        else:
            routines = Routine.objects.filter(sessions=instance.session_id)
        routines.touch()
        is_template = routines.filter(is_template=True).exists()
    if is_template:
        content_changed()
