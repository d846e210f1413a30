"""A runner's sessions as an iCalendar file (RFC 5545), built with the `icalendar` library.

Each session with a day of the week becomes events at the routine's session time in
the runner's time zone: a saved plan (a routine with `weeks`) one event per week of the
plan, any other routine one event repeating weekly (RRULE). Calendar apps match events
by UID, so a UID is made only from identities that do not change when the routine is
edited, the routine's and the session's keys (and the date, for a plan's events), under
the site's domain: re-fetching the feed updates events in place instead of duplicating
them, and only a session that is removed and added anew gets a new one.

The start of the first week is the routine's `starts_on`, else the Monday of the week the
routine was made in, so a feed fetched next month still names the same dates.
"""

import math
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from django.conf import settings

from core.http import site_url
from plans.models import Routine, Session

PRODID = "-//Runner Strength//Strength sessions//EN"
SHORTEST_MINUTES = 15
# How often a calendar app should fetch the feed again (a hint most apps honour).
REFRESH = timedelta(hours=12)


def time_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def session_minutes(session: Session) -> int:
    """The session's estimate (plans.timing), rounded up to 5 minutes for the calendar."""
    return max(SHORTEST_MINUTES, 5 * math.ceil(session.estimated_seconds / 300))


def first_monday(routine: Routine, zone: ZoneInfo) -> date:
    start = routine.starts_on or routine.created.astimezone(zone).date()
    return start - timedelta(days=start.weekday())


def exercise_lines(routine: Routine, session: Session, *, unit: str) -> str:
    """Each exercise with its dose, load and page, then the routine's page."""
    lines = []
    for item in session.items.all():
        load = item.load_text(unit)
        dose = f"{item.dose}, {load}" if load else item.dose
        lines.append(f"- {item.exercise.name}: {dose}")
        lines.append(f"  {site_url(item.exercise.get_absolute_url())}")
    lines += ["", f"Routine: {site_url(routine.get_absolute_url())}"]
    return "\n".join(lines)


def session_events(routine: Routine, session: Session, *, zone: ZoneInfo, unit: str):
    """The session's event(s): one a week of a plan, or one repeating weekly."""
    monday = first_monday(routine, zone)
    first = monday + timedelta(days=session.weekday)
    length = timedelta(minutes=session_minutes(session))
    stamp = routine.updated.astimezone(UTC)
    identity = f"routine-{routine.pk}-session-{session.pk}"
    exercises = exercise_lines(routine, session, unit=unit)  # the same every week
    url = site_url(routine.get_absolute_url())

    def event(day: date, uid: str, week: str = "") -> icalendar.Event:
        start = datetime.combine(day, routine.session_time, tzinfo=zone)
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + length)
        event.add("summary", f"Strength: {session.name}")
        event.add("description", f"{routine.name}{week}\n\n{exercises}")
        event.add("url", url)
        return event

    if routine.weeks:
        for number in range(routine.weeks):
            day = first + timedelta(weeks=number)
            yield event(
                day,
                f"{identity}-{day:%Y%m%d}@{domain()}",
                f" (week {number + 1} of {routine.weeks})",
            )
    else:
        weekly = event(first, f"{identity}@{domain()}")
        weekly.add("rrule", {"freq": "weekly"})
        yield weekly


def build(routines, *, owner) -> bytes:
    """The owner's routines (fetched `for_calendar()`) as one VCALENDAR."""
    zone = time_zone(owner.time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Runner Strength")
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    for routine in routines:
        for session in routine.sessions.all():
            if session.weekday is None:
                continue
            for event in session_events(routine, session, zone=zone, unit=owner.weight_unit):
                calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
