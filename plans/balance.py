"""The balance check: which key patterns and leg muscle groups a routine trains, per week.

Weekly sets = sets in the routine × sessions per week ÷ number of sessions, so
a two-session routine done twice a week counts each session once. A muscle
counts a full set where it is a main muscle and half a set where it only
helps, the usual way coaches count "fractional sets". Warm-up drills are not
strength work and do not count.

A pattern counts by its role and a muscle by its balance group, fields loaded
with the content, so renaming a row in the admin changes no count.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from exercises.models import (
    Exercise,
    ExerciseMuscle,
    Focus,
    MovementPattern,
    Muscle,
    role_slugs,
)

Role = MovementPattern.Role
Group = Muscle.BalanceGroup
SINGLE_LEG = "single-leg"  # single-leg squats and hinges: see SINGLE_LEG_ROLES
# (key, label, the pattern roles it counts)
KEY_PATTERNS = [
    ("squat", "Squat", (Role.SQUAT,)),
    ("hinge", "Hip hinge", (Role.HINGE,)),
    ("lunge", "Lunge or single-leg", (Role.LUNGE, SINGLE_LEG)),
    ("push", "Upper-body push", (Role.PUSH,)),
    ("pull", "Upper-body pull", (Role.PULL,)),
    ("core", "Core", (Role.CORE_HOLD, Role.CORE_MOVING)),
]
# (key, label, the muscle balance groups it counts): one group a row.
LEG_GROUPS = [(group.value, group.label, (group.value,)) for group in Muscle.BalanceGroup]
# Single-leg work counts in the "lunge or single-leg" row whatever its pattern: a split
# squat or a single-leg deadlift trains the same one-leg control as a lunge.
SINGLE_LEG_ROLES = {Role.SQUAT, Role.HINGE}
# The rows a routine of each focus answers for; the others are outside its focus, so an
# empty one is not a gap (a core routine is not meant to squat). A warm-up's drills are
# not strength work, so it answers for none.
ALL_ROWS = frozenset(key for key, _label, _values in [*KEY_PATTERNS, *LEG_GROUPS])
FOCUS_ROWS = {
    Focus.GENERAL: ALL_ROWS,
    Focus.KNEE: frozenset(
        {"squat", "hinge", "lunge", Group.QUADRICEPS, Group.GLUTES, Group.HAMSTRINGS}
    ),
    Focus.HIP_GLUTE: frozenset({"hinge", "lunge", Group.GLUTES, Group.HAMSTRINGS, Group.ADDUCTORS}),
    Focus.CORE: frozenset({"core"}),
    Focus.CALF_SHIN: frozenset({Group.CALVES, Group.SHIN}),
    Focus.WARMUP: frozenset(),
}
CHART_MINIMUM_SCALE = 12
CHART_BAR_WIDTH = 150
CHART_ROW_HEIGHT = 28


@dataclass(frozen=True)
class BalanceRow:
    key: str
    label: str
    weekly_sets: float
    fill_url: str
    in_focus: bool = True

    @property
    def is_gap(self):
        return self.in_focus and self.weekly_sets == 0

    @property
    def is_outside_focus(self):
        return not self.in_focus and self.weekly_sets == 0

    @property
    def sets_text(self):
        value = round(self.weekly_sets, 1)
        return f"{value:g}"


@dataclass(frozen=True)
class Balance:
    patterns: list[BalanceRow]
    muscles: list[BalanceRow]
    focus: str = Focus.GENERAL

    @property
    def focus_label(self):
        return Focus(self.focus).label

    @property
    def checks_everything(self):
        return FOCUS_ROWS[self.focus] == ALL_ROWS

    @property
    def checks_nothing(self):
        return not FOCUS_ROWS[self.focus]

    @property
    def gaps(self):
        return [row for row in [*self.patterns, *self.muscles] if row.is_gap]

    @property
    def scale(self):
        values = [row.weekly_sets for row in [*self.patterns, *self.muscles]]
        return max([CHART_MINIMUM_SCALE, *values])

    def chart(self, rows):
        """Rows with the y offset and bar width of a server-drawn SVG bar chart."""
        return {
            "height": CHART_ROW_HEIGHT * len(rows),
            "rows": [
                {
                    "row": row,
                    "y": index * CHART_ROW_HEIGHT,
                    "width": round(CHART_BAR_WIDTH * row.weekly_sets / self.scale, 1),
                }
                for index, row in enumerate(rows)
            ],
        }

    @property
    def pattern_chart(self):
        return self.chart(self.patterns)

    @property
    def muscle_chart(self):
        return self.chart(self.muscles)


def library_link(parameter: str, slugs: list[str]) -> str:
    return reverse("exercises:list") + "?" + urlencode([(parameter, slug) for slug in slugs])


def check_balance(routine) -> Balance:
    """From a routine fetched `with_contents()`: one further query, for the fill links."""
    sessions = list(routine.sessions.all())
    factor = routine.sessions_per_week / len(sessions) if sessions else 0
    pattern_sets: dict[str, float] = {}
    muscle_sets: dict[str, float] = {}
    for session in sessions:
        for item in session.items.all():
            exercise = item.exercise
            if exercise.kind == Exercise.Kind.WARMUP:
                continue
            role = exercise.pattern.role
            pattern_sets[role] = pattern_sets.get(role, 0) + item.sets
            if exercise.unilateral and role in SINGLE_LEG_ROLES:
                pattern_sets[SINGLE_LEG] = pattern_sets.get(SINGLE_LEG, 0) + item.sets
            # A set counts once in a group, at its biggest share: a pogo hop works the
            # gastrocnemius and the soleus, but it is one calf set, not two.
            shares: dict[str, float] = {}
            for link in exercise.exercise_muscles.all():
                share = 1 if link.role == ExerciseMuscle.Role.PRIMARY else 0.5
                group = link.muscle.balance_group
                shares[group] = max(shares.get(group, 0), share)
            for group, share in shares.items():
                muscle_sets[group] = muscle_sets.get(group, 0) + item.sets * share
    slugs = role_slugs()  # by ("pattern", role) and ("muscle", group)
    focus = routine.focus if routine.focus in FOCUS_ROWS else Focus.GENERAL

    def rows(groups, totals, parameter):
        return [
            BalanceRow(
                key=key,
                label=label,
                weekly_sets=sum(totals.get(value, 0) for value in values) * factor,
                fill_url=library_link(
                    parameter, [s for value in values for s in slugs.get((parameter, value), [])]
                ),
                in_focus=key in FOCUS_ROWS[focus],
            )
            for key, label, values in groups
        ]

    return Balance(
        patterns=rows(KEY_PATTERNS, pattern_sets, "pattern"),
        muscles=rows(LEG_GROUPS, muscle_sets, "muscle"),
        focus=focus,
    )
