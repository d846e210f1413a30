"""`build_plan`: the schedule, the selection, the time fit and the doses put together."""

from dataclasses import replace
from datetime import timedelta

from exercises.models import MovementPattern
from plans.builder.doses import TAPER_SHARES, plan_session, taper_item, week_item, week_session
from plans.builder.fit import fit
from plans.builder.library import Library
from plans.builder.notes import RACE_CUTOFF_DAYS, RACE_DAYS_NOTE, plan_notes
from plans.builder.plan import BLOCK_WEEKS, Draft, Plan, PlanSession, PlanWeek, WeekKind
from plans.builder.request import Phase, PlanRequest, validate
from plans.builder.schedule import schedule
from plans.builder.selection import LOWER_BODY_ROLES, select

Role = MovementPattern.Role
# With a race date, the plan ends in a taper of this many weeks (the peak phase,
# already at one short session a week, needs only the race week).
TAPER_WEEKS = {Phase.PEAK: 1}
DEFAULT_TAPER_WEEKS = 2
# RACE_CUTOFF_DAYS (in plans.builder.notes): no lower-body strength or jumps in the
# last days before the race, nor after it in race week: legs need about four to
# five days to shed the fatigue of heavy or jumping work (Bosquet et al. 2007;
# Mujika and Padilla 2003).
RACE_DAYS_ROLES = LOWER_BODY_ROLES | {Role.PLYOMETRIC, Role.CALF}


def taper_weeks(request: PlanRequest) -> int:
    """How many of the plan's last weeks are taper weeks (none without a race date)."""
    if request.race_date is None:
        return 0
    if request.phase == Phase.TAPER:
        return request.plan_weeks
    return min(request.plan_weeks, TAPER_WEEKS.get(request.phase, DEFAULT_TAPER_WEEKS))


def _in_race_days(request: PlanRequest, week: int, weekday: int) -> bool:
    if request.race_date is None:
        return False
    day = request.session_date(week, weekday)
    return day >= request.race_date - timedelta(days=RACE_CUTOFF_DAYS)


def _session(draft: Draft, request: PlanRequest, week: int, items) -> PlanSession:
    """The week's session; in the last days before the race, without the legs."""
    if _in_race_days(request, week, draft.weekday):
        kept = [item for item in items if item.exercise.pattern.role not in RACE_DAYS_ROLES]
        return plan_session(draft, kept, note=RACE_DAYS_NOTE)
    return plan_session(draft, items)


def _taper_session(
    draft: Draft, request: PlanRequest, week: int, share: float, step: int
) -> PlanSession:
    items = [taper_item(week_item(item, request, 1), share, step) for item in draft.items]
    return _session(draft, request, week, items)


def build_plan(request: PlanRequest, library: Library) -> Plan:
    """The whole plan, week by week, from the answers and the library: no database.

    The request must pass `validate` first. Nothing is random: the same request
    and library always give the same plan.
    """
    problems = validate(request)
    if problems:
        raise ValueError(" ".join(problems))
    days = schedule(request)
    # A taper is the build phase's plan at a falling share of the volume, so it is
    # chosen and fitted as a build plan, then cut down.
    fit_request = replace(request, phase=Phase.BUILD) if request.phase == Phase.TAPER else request
    selection_notes: list[str] = []
    drafts = select(fit_request, library, days, selection_notes)
    for draft in drafts:
        fit(draft, fit_request)

    total = request.plan_weeks
    tapering = taper_weeks(request)
    shares = TAPER_SHARES[min(tapering, max(TAPER_SHARES))] if tapering else ()
    weeks = []
    for n in range(1, total + 1):
        taper_index = n - (total - tapering) - 1
        if taper_index >= 0:
            share = shares[max(0, taper_index - (tapering - len(shares)))]
            weeks.append(
                PlanWeek(
                    number=n,
                    kind=WeekKind.TAPER,
                    sessions=tuple(
                        _taper_session(draft, fit_request, n, share, taper_index + 1)
                        for draft in drafts
                    ),
                    taper_text=(
                        f"taper: about {round(share * 100)} % of the sets, a rep or two fewer, "
                        "same load" + ("; race week" if n == total else "")
                    ),
                )
            )
        else:
            weeks.append(
                PlanWeek(
                    number=n,
                    kind=WeekKind.LIGHTER if n % BLOCK_WEEKS == 0 else WeekKind.LOADING,
                    maintaining=request.phase == Phase.PEAK,
                    sessions=tuple(
                        _session(draft, request, n, week_session(draft, request, n).items)
                        for draft in drafts
                    ),
                )
            )
    weeks = tuple(weeks)
    return Plan(
        request=request,
        days=tuple(days),
        weeks=weeks,
        notes=plan_notes(request, days, drafts, weeks, selection_notes, library),
        bent_rules=tuple(text for day in days for text in day.bent_rules),
    )
