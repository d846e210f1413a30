"""Writes to routines that touch several rows: create, copy, save a plan, add, move, remove.

Each change to an existing routine retires its cached files once committed
(core.invalidation).
"""

from collections.abc import Iterable
from string import ascii_uppercase

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core import invalidation
from core.http import site_url
from exercises.models import Exercise
from plans.builder import Plan
from plans.loads import LOAD_FIELDS, LoadKind
from plans.models import (
    MAX_ITEMS_PER_SESSION,
    MAX_ROUTINES_PER_USER,
    MAX_SESSIONS_PER_ROUTINE,
    Routine,
    RoutineItem,
    RoutineShare,
    Session,
    session_name,
)

UP, DOWN = "up", "down"
DOSE_FIELDS = ("sets", "reps_min", "reps_max", "hold_seconds", "per_side", "rest_seconds")


def dose_of(item) -> dict:
    """The dose of a routine item or a planned item, as RoutineItem field values."""
    return {name: getattr(item, name) for name in DOSE_FIELDS}


def lock_routine(routine_id: int) -> Routine:
    """Lock the routine's row before counting or renumbering its sessions or items.

    A lock on the children would not stop a parallel insert (PostgreSQL's
    FOR UPDATE locks rows that exist), so two adds could both count six of
    seven. Every write to a routine's contents takes this one lock first, which
    also gives all of them one lock order: parallel moves cannot deadlock.
    """
    return Routine.objects.select_for_update().get(pk=routine_id)


def check_routine_limit(owner: User) -> None:
    """Call inside the transaction that creates the routine: the owner's row is locked."""
    User.objects.select_for_update().only("pk").get(pk=owner.pk)
    if Routine.objects.owned_by(owner).count() >= MAX_ROUTINES_PER_USER:
        raise ValidationError(
            f"You have {MAX_ROUTINES_PER_USER} routines, the most an account can keep. "
            "Delete one you no longer use first.",
            code="too_many_routines",
        )


@transaction.atomic
def create_routine(*, owner: User, **fields) -> Routine:
    """A new routine with one empty session, ready to fill."""
    check_routine_limit(owner)
    routine = Routine.objects.create(owner=owner, **fields)
    Session.objects.create(routine=routine, name=session_name(0), order=0)
    return routine


def _build_routine(
    *,
    owner: User,
    name: str,
    notes: str,
    focus: str,
    sessions_per_week: int,
    sessions: Iterable[tuple[str, int | None, Iterable[dict]]],
    **calendar,
) -> Routine:
    """The one way a routine tree is built: the routine, then each (name, weekday, item
    fields) session. `calendar` holds the routine's calendar fields (session_time, weeks…).

    Sessions and items are numbered in the order given. Call inside a transaction.
    """
    check_routine_limit(owner)
    routine = Routine.objects.create(
        owner=owner,
        name=name,
        notes=notes,
        focus=focus,
        sessions_per_week=sessions_per_week,
        **calendar,
    )
    for order, (title, weekday, items) in enumerate(sessions):
        session = Session.objects.create(routine=routine, name=title, order=order, weekday=weekday)
        RoutineItem.objects.bulk_create(
            RoutineItem(session=session, order=position, **fields)
            for position, fields in enumerate(items)
        )
    return routine


@transaction.atomic
def copy_routine(
    *, source: Routine, owner: User, name: str | None = None, with_notes: bool = True
) -> Routine:
    """A private copy of a routine or starter template, with all sessions and items.

    `with_notes=False` leaves out the routine's and the items' notes (a shared routine
    whose owner kept them private). The days and time come along; the start date does not.
    """
    return _build_routine(
        owner=owner,
        name=name or source.name,
        notes=source.notes if with_notes else "",
        focus=source.focus,
        sessions_per_week=source.sessions_per_week,
        session_time=source.session_time,
        weeks=source.weeks,
        sessions=(
            (
                session.name,
                session.weekday,
                (
                    {
                        "exercise_id": item.exercise_id,
                        "notes": item.notes if with_notes else "",
                        **dose_of(item),
                        **{name: getattr(item, name) for name in LOAD_FIELDS},
                    }
                    for item in session.items.all()
                ),
            )
            for session in source.sessions.prefetch_related("items")
        ),
    )


ROUTINE_NOTES_LIMIT = Routine._meta.get_field("notes").max_length


def plan_summary(plan: Plan) -> str:
    """The schedule and the week-by-week summary, cut to fit a routine's notes."""
    request = plan.request
    lines = [
        f"Phase: {request.phase.label}. Experience: {request.experience.label}. "
        f"Focus: {request.focus.label}. Sessions a week: {len(plan.sessions)}, "
        f"up to {request.minutes} minutes each.",
        "",
        "Your week:",
    ]
    for day in plan.days:
        strength = f" + {day.session}" if day.session else ""
        lines.append(f"{day.name}: {day.run.label}{strength}. {day.reason}")
    if plan.bent_rules:
        lines += ["", "Rules bent:", *plan.bent_rules]
    special = [f"{session.name}: {session.note}" for session in plan.sessions if session.note]
    if special:
        lines += ["", *special]
    lines += ["", "Week by week:"]
    for week in plan.weeks:
        lines.append(
            f"{week.label}: {week.summary} ({week.total_sets} working sets, "
            f"up to {week.longest_session_minutes} min a session)."
        )
    text = "\n".join(lines)
    if len(text) > ROUTINE_NOTES_LIMIT:
        text = text[: ROUTINE_NOTES_LIMIT - 3].rsplit("\n", 1)[0] + "\n..."
    return text


def planned_item_notes(item) -> str:
    """A planned item's notes on the routine: its warm-up sets first, then its own note."""
    return " ".join(
        text for text in (item.warmup_sets_text and f"{item.warmup_sets_text}.", item.note) if text
    )


@transaction.atomic
def save_plan(*, plan: Plan, owner: User) -> Routine:
    """Store the plan's week 1 as the owner's routine: warm-up drills first in each session,
    each loaded exercise's load target ("Heavy enough for 3 reps in reserve") as its load."""
    if len(plan.sessions) > MAX_SESSIONS_PER_ROUTINE or any(
        len(session.warmup) + len(session.items) > MAX_ITEMS_PER_SESSION
        for session in plan.sessions
    ):
        raise ValueError("The plan is larger than a routine can hold.")
    return _build_routine(
        owner=owner,
        name=plan.name,
        notes=plan_summary(plan),
        focus=plan.request.focus,
        sessions_per_week=len(plan.sessions),
        weeks=plan.request.weeks,
        sessions=(
            (
                planned.name,
                planned.weekday,
                (
                    {
                        "exercise_id": item.exercise.pk,
                        "load_kind": (
                            LoadKind.BODYWEIGHT
                            if item.exercise.bodyweight and not item.load_target
                            else LoadKind.NONE
                        ),
                        "load_note": item.load_target,
                        "notes": planned_item_notes(item),
                        **dose_of(item),
                    }
                    for item in (*planned.warmup, *planned.items)
                ),
            )
            for planned in plan.sessions
        ),
    )


def _next_order(queryset) -> int:
    highest = queryset.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


def changed(routine: Routine) -> None:
    """A routine, or one of its sessions or items, changed: its `updated` moves on (the
    calendar feed's LAST-MODIFIED, so calendar apps take the new doses) and its cached
    pages go."""
    routine.updated = timezone.now()
    Routine.objects.filter(pk=routine.pk).update(updated=routine.updated)
    invalidation.retire_routine(routine)


@transaction.atomic
def add_session(*, routine: Routine) -> Session:
    lock_routine(routine.pk)
    sessions = Session.objects.filter(routine=routine)
    count = sessions.count()
    if count >= MAX_SESSIONS_PER_ROUTINE:
        raise ValidationError(
            f"A routine can have at most {MAX_SESSIONS_PER_ROUTINE} sessions.",
            code="too_many_sessions",
        )
    taken = set(sessions.values_list("name", flat=True))
    name = next(
        session_name(i) for i in range(len(ascii_uppercase)) if session_name(i) not in taken
    )
    session = Session.objects.create(routine=routine, name=name, order=_next_order(sessions))
    changed(routine)
    return session


@transaction.atomic
def add_item(*, session: Session, exercise: Exercise) -> RoutineItem:
    """Add an exercise at the end of a session, with the exercise's default dose."""
    lock_routine(session.routine_id)
    items = RoutineItem.objects.filter(session=session)
    if items.count() >= MAX_ITEMS_PER_SESSION:
        raise ValidationError(
            f"A session can have at most {MAX_ITEMS_PER_SESSION} exercises.",
            code="too_many_items",
        )
    item = RoutineItem.objects.create(
        session=session,
        exercise=exercise,
        order=_next_order(items),
        sets=exercise.sets,
        reps_min=exercise.reps_min,
        reps_max=exercise.reps_max,
        hold_seconds=exercise.hold_seconds,
        per_side=exercise.per_side,
        load_kind=LoadKind.BODYWEIGHT if exercise.is_bodyweight else LoadKind.NONE,
        rest_seconds=30 if exercise.kind == Exercise.Kind.WARMUP else 60,
    )
    changed(session.routine)
    return item


@transaction.atomic
def move(*, obj: Session | RoutineItem, direction: str) -> None:
    """Swap an item or session with its neighbour; the order is renumbered 0..n-1."""
    lock_routine(routine_of(obj).pk)
    siblings = list(obj.__class__.objects.filter(**_parent_filter(obj)).order_by("order", "pk"))
    index = next((i for i, sibling in enumerate(siblings) if sibling.pk == obj.pk), None)
    if index is None:
        return  # removed by a parallel request while this one waited for the lock
    target = index - 1 if direction == UP else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    _renumber(siblings)
    changed(routine_of(obj))


@transaction.atomic
def remove(*, obj: Session | RoutineItem) -> None:
    lock_routine(routine_of(obj).pk)
    parent = _parent_filter(obj)
    obj.delete()
    _renumber(list(obj.__class__.objects.filter(**parent).order_by("order", "pk")))
    changed(routine_of(obj))


@transaction.atomic
def save_changes(*, form) -> Routine | Session | RoutineItem:
    """Save a valid model form of a routine, one of its sessions or one of its items."""
    instance = form.instance
    routine = instance if isinstance(instance, Routine) else routine_of(instance)
    lock_routine(routine.pk)  # first, as every write to a routine does (one lock order)
    if not isinstance(instance, Routine):
        # A move or a removal may have renumbered the siblings since the form read this
        # row; under the lock the order read now is current, and a row gone stays gone.
        current = type(instance).objects.filter(pk=instance.pk).values_list("order", flat=True)
        if not current:
            raise ValidationError("That was removed in the meantime.", code="gone")
        instance.order = current[0]
    obj = form.save()
    changed(routine)
    return obj


@transaction.atomic
def delete_routine(*, routine: Routine) -> None:
    routine.delete()
    invalidation.retire_routine(routine)


@transaction.atomic
def share_routine(*, routine: Routine, include_notes: bool) -> RoutineShare:
    """The routine's read-only link: made if it has none, else its notes choice changed."""
    share, _ = RoutineShare.objects.update_or_create(
        routine=routine, defaults={"include_notes": include_notes}
    )
    return share


@transaction.atomic
def revoke_share(*, routine: Routine) -> None:
    """The link stops working at once; a new one has a new token."""
    RoutineShare.objects.filter(routine=routine).delete()


@transaction.atomic
def copy_shared(*, share: RoutineShare, owner: User) -> Routine:
    """The visitor's own copy of a shared routine, with only what the link showed."""
    return copy_routine(source=share.routine, owner=owner, with_notes=share.include_notes)


def routine_of(obj: Session | RoutineItem) -> Routine:
    if isinstance(obj, Session):
        return obj.routine
    return obj.session.routine


def _parent_filter(obj: Session | RoutineItem) -> dict:
    if isinstance(obj, Session):
        return {"routine_id": obj.routine_id}
    return {"session_id": obj.session_id}


def _renumber(siblings: list) -> None:
    for order, sibling in enumerate(siblings):
        sibling.order = order
    if siblings:
        siblings[0].__class__.objects.bulk_update(siblings, ["order"])


def export_for(user: User) -> list[dict]:
    """The user's routines, for their data export."""
    return [
        {
            "name": routine.name,
            "notes": routine.notes,
            "focus": routine.focus,
            "sessions_per_week": routine.sessions_per_week,
            "in_calendar": routine.in_calendar,
            "session_time": routine.session_time.isoformat(timespec="minutes"),
            "starts_on": routine.starts_on and routine.starts_on.isoformat(),
            "weeks": routine.weeks,
            "created": routine.created.isoformat(),
            "updated": routine.updated.isoformat(),
            "sessions": [
                {
                    "name": session.name,
                    "weekday": session.get_weekday_display()
                    if session.weekday is not None
                    else None,
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
    ]


def export_shares_for(user: User) -> list[dict]:
    """The user's share links, for their data export."""
    return [
        {
            "routine": share.routine.name,
            "url": site_url(share.get_absolute_url()),
            "include_notes": share.include_notes,
            "created": share.created.isoformat(),
        }
        for share in RoutineShare.objects.owned_by(user).select_related("routine").order_by("pk")
    ]


def export_calendar_feed_for(user: User) -> dict | None:
    """The user's private calendar feed address, for their data export."""
    if not user.calendar_token:
        return None
    return {"time_zone": user.time_zone, **calendar_feed_urls(user.calendar_token)}


def calendar_feed_urls(token: str) -> dict:
    """The feed's address to open in a browser (https) and to subscribe to (webcal)."""
    https = site_url(reverse("plans:calendar-feed", args=[token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
