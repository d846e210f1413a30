"""The calendar: a runner's private feed (its token is the only key) and one routine's .ics.

The feed is for calendar apps, which fetch it without a session: the token in the
address stands in for the login, so a wrong or revoked token is a plain 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from accounts.models import User
from plans import calendar
from plans.models import Routine
from plans.views import owned_routine

CONTENT_TYPE = "text/calendar; charset=utf-8"


def ics_response(content: bytes, *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["X-Robots-Tag"] = "noindex, nofollow"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@cache_control(private=True, no_cache=True)
def calendar_feed(request, feed_token):
    owner = get_object_or_404(User, calendar_token=feed_token, is_active=True)
    routines = Routine.objects.owned_by(owner).filter(in_calendar=True).for_calendar()
    return ics_response(calendar.build(routines.order_by("pk"), owner=owner))


@login_required
@require_safe
@cache_control(private=True, no_store=True)
def routine_calendar(request, pk):
    """One routine's events as a file to import once (it carries the feed's UIDs)."""
    routine = owned_routine(request, pk)
    routines = Routine.objects.filter(pk=routine.pk).for_calendar()
    name = slugify(routine.name) or "routine"
    return ics_response(calendar.build(routines, owner=request.user), filename=f"{name}.ics")
