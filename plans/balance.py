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

from exercises.models import Exercise, ExerciseMuscle, MovementPattern, Muscle, role_slugs

Role = MovementPattern.Role
# (key, label, the pattern roles it counts)
KEY_PATTERNS = [
    ("squat", "Squat", (Role.SQUAT,)),
    ("hinge", "Hip hinge", (Role.HINGE,)),
    ("lunge", "Lunge or single-leg", (Role.LUNGE,)),
    ("push", "Upper-body push", (Role.PUSH,)),
    ("pull", "Upper-body pull", (Role.PULL,)),
    ("core", "Core", (Role.CORE_HOLD, Role.CORE_MOVING)),
]
# (key, label, the muscle balance groups it counts): one group a row.
LEG_GROUPS = [(group.value, group.label, (group.value,)) for group in Muscle.BalanceGroup]
CHART_MINIMUM_SCALE = 12
CHART_BAR_WIDTH = 150
CHART_ROW_HEIGHT = 28


@dataclass(frozen=True)
class BalanceRow:
    key: str
    label: str
    weekly_sets: float
    fill_url: str

    @property
    def is_gap(self):
        return self.weekly_sets == 0

    @property
    def sets_text(self):
        value = round(self.weekly_sets, 1)
        return f"{value:g}"


@dataclass(frozen=True)
class Balance:
    patterns: list[BalanceRow]
    muscles: list[BalanceRow]

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
            for link in exercise.exercise_muscles.all():
                share = 1 if link.role == ExerciseMuscle.Role.PRIMARY else 0.5
                group = link.muscle.balance_group
                muscle_sets[group] = muscle_sets.get(group, 0) + item.sets * share
    slugs = role_slugs()  # by ("pattern", role) and ("muscle", group)

    def rows(groups, totals, parameter):
        return [
            BalanceRow(
                key=key,
                label=label,
                weekly_sets=sum(totals.get(value, 0) for value in values) * factor,
                fill_url=library_link(
                    parameter, [s for value in values for s in slugs.get((parameter, value), [])]
                ),
            )
            for key, label, values in groups
        ]

    return Balance(
        patterns=rows(KEY_PATTERNS, pattern_sets, "pattern"),
        muscles=rows(LEG_GROUPS, muscle_sets, "muscle"),
    )
