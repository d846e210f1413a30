"""The exercise library as the builder reads it: plain, immutable values, no database.

`plans.selectors.builder_library()` loads it; tests may build it once and pass
it to every plan. What a row counts as (a pattern's role, kit that adds load,
the focus an area serves, a drill's warm-up place) comes from the content's
role fields, never from slugs.
"""

from dataclasses import dataclass

from django.urls import reverse

from exercises.models import Exercise, Muscle


@dataclass(frozen=True)
class LibraryPattern:
    slug: str
    name: str
    role: str  # a MovementPattern.Role value, or "" for none


@dataclass(frozen=True, kw_only=True)
class LibraryExercise:
    """One exercise with what the builder, the plan page and the plan's PDF show."""

    pk: int
    slug: str
    name: str
    kind: str
    level: str
    pattern: LibraryPattern
    unilateral: bool
    equipment: frozenset[str]  # slugs of everything it needs; empty: bodyweight
    loaded: bool  # it takes a load (its equipment adds one, or it needs a weight), so the reps
    # can follow the phase
    load_options: frozenset[str]  # slugs of weights it can also be held with (any one)
    load_required: bool = False  # it needs one of load_options: no bodyweight version
    focuses: frozenset[str]  # the routine focuses its focus areas serve
    primary_groups: frozenset[str] = frozenset()  # balance groups of its main muscles
    warmup_priority: int | None
    calf_role: str
    eccentric_heavy: bool
    sets: int
    reps_min: int | None
    reps_max: int | None
    hold_seconds: int | None
    per_side: bool
    first_cue: str

    def __str__(self):
        return self.name

    def loaded_for(self, gear: frozenset[str]) -> bool:
        """It takes a load for this runner: its own equipment, or a weight it can be held with."""
        return self.loaded or bool(self.load_options & gear)

    def optional_load_for(self, gear: frozenset[str]) -> bool:
        """Done with bodyweight as described, but this runner has a weight to hold."""
        return not (self.loaded or self.load_required) and bool(self.load_options & gear)

    def usable_with(self, gear: frozenset[str]) -> bool:
        """The runner has all its equipment and, where it needs a weight, any one of them."""
        return self.equipment <= gear and (not self.load_required or bool(self.load_options & gear))

    @property
    def quad_dominant(self) -> bool:
        """The thigh's front does the work, not the hips: a step-down, not a squat to depth."""
        groups = self.primary_groups
        return Muscle.BalanceGroup.QUADRICEPS in groups and Muscle.BalanceGroup.GLUTES not in groups

    @property
    def bodyweight(self) -> bool:
        return not (self.equipment or self.load_required)

    def get_absolute_url(self):
        return reverse("exercises:detail", args=[self.slug])

    @property
    def level_label(self) -> str:
        return Exercise.Level(self.level).label


@dataclass(frozen=True)
class Library:
    """Every exercise, in slug order, and the slugs of all equipment that adds load."""

    exercises: tuple[LibraryExercise, ...]
    load_equipment: frozenset[str]

    def __repr__(self):  # short, so that a failing property test's example stays readable
        return f"Library({len(self.exercises)} exercises)"

    def usable(self, gear: frozenset[str], kind: str) -> list[LibraryExercise]:
        """Exercises of this kind the runner has the equipment for."""
        return [e for e in self.exercises if e.kind == kind and e.usable_with(gear)]
