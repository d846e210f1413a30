"""The time fit: an estimate of each session's length, and the trimming that keeps
every week within the runner's minutes."""

from plans.builder.doses import item_rest_floor, loading_sets, week_session
from plans.builder.plan import BLOCK_WEEKS, CALF, EXTRA, FOCUS, PLYO, Draft, DraftItem
from plans.builder.request import WEEKS_RANGE, PlanRequest
from plans.builder.selection import MIN_WARMUP_DRILLS

# The weeks the fit checks: the last loading week of every block the longest plan
# has. Within a block every dose grows or holds week by week, and the lighter week
# is shorter, so these are the longest; later blocks can be longer (holds start
# longer, a returning runner adds a set) or shorter (fewer reps at a heavier load).
# Every plan is fitted over the longest plan's weeks, so a short plan before a race
# (or a taper) is never fitted more generously than the same runner's longer plan.
FITTED_WEEKS = tuple(range(BLOCK_WEEKS - 1, WEEKS_RANGE[1] + 1, BLOCK_WEEKS))


def _longest_seconds(draft: Draft, request: PlanRequest) -> int:
    """The longest week's estimate."""
    return max(week_session(draft, request, week).estimated_seconds for week in FITTED_WEEKS)


def _lowest_priority_first(items: list[DraftItem]) -> list[DraftItem]:
    positions = {item: position for position, item in enumerate(items)}
    return sorted(items, key=lambda item: (item.slot.priority, positions[item]), reverse=True)


def _most_sets(item: DraftItem, request: PlanRequest) -> int:
    """The most sets the exercise has in any loading week, before the cap."""
    return max(loading_sets(item, request, week) for week in FITTED_WEEKS)


def _lower_set_caps(draft: Draft, request: PlanRequest, floor: int):
    """Take one set at a time off the lowest-priority exercises, round and round, down to floor."""
    changed = True
    while changed:
        changed = False
        for item in _lowest_priority_first(draft.items):
            most = min(_most_sets(item, request), item.set_cap)
            if most > floor:
                item.set_cap = most - 1
                changed = True
                yield "sets"


def _trims(draft: Draft, request: PlanRequest):
    """The trimming ladder, one small change at a time, gentlest first.

    Key patterns the week needs go last, and only if nothing else is left.
    """
    lowest_first = _lowest_priority_first(draft.items)
    for item in lowest_first:
        if item.slot.priority == EXTRA:
            draft.items.remove(item)
            yield "extra"
    while len(draft.warmup) > MIN_WARMUP_DRILLS:
        draft.warmup.pop()
        yield "warmup"
    yield from _lower_set_caps(draft, request, floor=2)
    # The jumps go after the full rests: a couple of short sets of contacts do a
    # runner more good than the last 30 seconds of rest between lifts.
    for item in lowest_first:
        if item in draft.items:
            item.rest_cap = item_rest_floor(item, request)
            yield "rest"
    for item in [item for item in draft.items if item.slot.priority == PLYO]:
        draft.items.remove(item)
        yield "plyo"
    yield from _lower_set_caps(draft, request, floor=1)
    for item in [item for item in draft.items if item.slot.priority == FOCUS]:
        draft.items.remove(item)
        yield "focus"
    for item in [item for item in reversed(draft.items) if item.slot.priority == CALF]:
        draft.items.remove(item)
        yield "calf"
    for item in reversed(list(draft.items)):
        draft.items.remove(item)
        yield f"dropped:{item.slot.pattern}"


def fit(draft: Draft, request: PlanRequest) -> None:
    """Trim until the longest week's estimate is within the minutes (estimate ≤ minutes).

    The ladder may overshoot, so sets and then full rests are given back, most
    important exercise first, as long as every week still fits.
    """
    budget = request.minutes * 60

    def fits():
        return _longest_seconds(draft, request) <= budget

    if fits():
        return
    for event in _trims(draft, request):
        draft.events.add(event)
        if fits():
            break
    most_important_first = _lowest_priority_first(draft.items)[::-1]
    changed = True
    while changed:
        changed = False
        for item in most_important_first:
            if item in draft.items and item.set_cap < _most_sets(item, request):
                item.set_cap += 1
                if fits():
                    changed = True
                else:
                    item.set_cap -= 1
    for item in most_important_first:
        if item.rest_cap is not None:
            floor, item.rest_cap = item.rest_cap, None
            if not fits():
                item.rest_cap = floor
