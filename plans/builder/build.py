"""`build_plan`: the schedule, the selection, the time fit and the doses put together."""

from dataclasses import replace

from plans.builder.doses import plan_session, taper_item, week_item, week_session
from plans.builder.fit import fit
from plans.builder.library import Library
from plans.builder.notes import plan_notes
from plans.builder.plan import BLOCK_WEEKS, Plan, PlanWeek, WeekKind
from plans.builder.request import Phase, PlanRequest, validate
from plans.builder.schedule import schedule
from plans.builder.selection import select


def build_plan(request: PlanRequest, library: Library) -> Plan:
    """The whole plan, week by week, from the answers and the library: no database.

    The request must pass `validate` first. Nothing is random: the same request
    and library always give the same plan.
    """
    problems = validate(request)
    if problems:
        raise ValueError(" ".join(problems))
    days = schedule(request)
    # A taper is the build phase's plan at about half the volume, so it is
    # chosen and fitted as a build plan, then cut down.
    fit_request = replace(request, phase=Phase.BUILD) if request.phase == Phase.TAPER else request
    selection_notes: list[str] = []
    drafts = select(fit_request, library, days, selection_notes)
    for draft in drafts:
        fit(draft, fit_request)

    if request.phase == Phase.TAPER:
        taper = tuple(
            plan_session(
                draft,
                (
                    taper_item(week_item(item, fit_request, 1))
                    for item in draft.items
                    if item.role != "plyo"
                ),
            )
            for draft in drafts
        )
        weeks = tuple(
            PlanWeek(number=n, kind=WeekKind.TAPER, sessions=taper)
            for n in range(1, request.weeks + 1)
        )
    else:
        weeks = tuple(
            PlanWeek(
                number=n,
                kind=WeekKind.LIGHTER if n % BLOCK_WEEKS == 0 else WeekKind.LOADING,
                sessions=tuple(week_session(draft, request, n) for draft in drafts),
            )
            for n in range(1, request.weeks + 1)
        )
    return Plan(
        request=request,
        days=tuple(days),
        weeks=weeks,
        notes=plan_notes(request, days, drafts, weeks, selection_notes, library),
        bent_rules=tuple(text for day in days for text in day.bent_rules),
    )
