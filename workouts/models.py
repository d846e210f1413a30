"""A runner's log: workouts started from a routine session, the exercises planned for
each (copied from the routine, so a later edit of the routine leaves the log as it
was) and the sets actually done."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from exercises.models import Dose, Exercise
from plans.loads import PlannedLoad
from plans.models import Session as RoutineSession

# A workout nobody finished is closed this long after it started, sets kept.
LEFT_OPEN_AFTER = timedelta(days=1)


class Feeling(models.IntegerChoices):
    AWFUL = 1, "1: awful"
    TOUGH = 2, "2: tough"
    OKAY = 3, "3: okay"
    GOOD = 4, "4: good"
    GREAT = 5, "5: great"


class WorkoutQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def still_open(self):
        return self.filter(finished__isnull=True)

    def left_open(self, *, now=None):
        return self.still_open().filter(started__lt=(now or timezone.now()) - LEFT_OPEN_AFTER)

    def for_list(self):
        """A history row: how many exercises and sets, without loading them."""
        return self.annotate(
            exercise_count=Count("exercises", distinct=True),
            set_count=Count("exercises__logged_sets"),
        ).order_by("-started", "-pk")  # an aggregate drops the default ordering

    def for_page(self):
        """The exercises, their library entries and their logged sets: three queries."""
        return self.prefetch_related(
            Prefetch(
                "exercises",
                queryset=WorkoutExercise.objects.select_related("exercise").prefetch_related(
                    "logged_sets"
                ),
            )
        )


class Workout(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workouts"
    )
    routine_session = models.ForeignKey(
        RoutineSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workouts",
        help_text="Where it started from; the log stays when the routine is deleted.",
    )
    name = models.CharField(max_length=170)
    started = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)
    closed_automatically = models.BooleanField(
        default=False, help_text="Left open for a day and closed by the site."
    )
    feeling = models.PositiveSmallIntegerField(
        "how it felt", choices=Feeling, null=True, blank=True
    )
    note = models.TextField(blank=True, max_length=1000)

    objects = WorkoutQuerySet.as_manager()

    class Meta:
        ordering = ["-started", "-pk"]
        indexes = [models.Index(fields=["owner", "-started"])]

    def __str__(self):
        return f"{self.name} ({self.started:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("workouts:workout-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.finished is None


class Side(models.TextChoices):
    BOTH = "", "Both sides"
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


class WorkoutExercise(Dose, PlannedLoad):
    """One exercise of a workout, with its plan for the day and the suggestion behind it."""

    workout = models.ForeignKey(Workout, on_delete=models.CASCADE, related_name="exercises")
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="workout_exercises"
    )
    order = models.PositiveSmallIntegerField(default=0)
    rest_seconds = models.PositiveSmallIntegerField(
        "rest (seconds)", default=60, validators=[MaxValueValidator(600)]
    )
    suggestion = models.CharField(
        max_length=300, blank=True, help_text="Next time, from the last log of this exercise."
    )

    class Meta(Dose.Meta):
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.exercise} in {self.workout}"

    def sides(self) -> list[str]:
        return [Side.LEFT, Side.RIGHT] if self.per_side else [Side.BOTH]

    def slots(self) -> list[tuple[int, str, "LoggedSet | None"]]:
        """(set number, side, the set logged there or None) for every planned set, and any
        extra sets logged beyond the plan; from the prefetched sets."""
        logged = {(s.number, s.side): s for s in self.logged_sets.all()}
        planned = [(number, side) for number in range(1, self.sets + 1) for side in self.sides()]
        extra = sorted(key for key in logged if key not in set(planned))
        return [(number, side, logged.get((number, side))) for number, side in planned + extra]

    @property
    def top_reps(self):
        return self.reps_max or self.reps_min

    @property
    def top_set(self) -> "LoggedSet | None":
        """The best set done (from the prefetched sets): the heaviest, then the most reps;
        for a hold the longest."""
        return max(
            self.logged_sets.all(),
            key=lambda s: (s.load_kg or 0, s.hold_seconds or 0, s.reps or 0),
            default=None,
        )


class LoggedSet(models.Model):
    """A set as done. `uuid` is made by the page (by the server for a plain form), once per
    set, and every save is an upsert on it: a double tap or a resent request logs one set."""

    workout_exercise = models.ForeignKey(
        WorkoutExercise, on_delete=models.CASCADE, related_name="logged_sets"
    )
    uuid = models.UUIDField("set id", unique=True)
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    side = models.CharField(max_length=5, choices=Side, blank=True)
    reps = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(200)]
    )
    hold_seconds = models.PositiveSmallIntegerField(
        "hold (seconds)", null=True, blank=True, validators=[MaxValueValidator(1800)]
    )
    load_kg = models.DecimalField(
        "load (kg)", max_digits=7, decimal_places=3, null=True, blank=True
    )
    reps_in_reserve = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    logged = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number", "side", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reps__isnull=False) | Q(hold_seconds__isnull=False),
                name="loggedset_has_reps_or_hold",
            ),
        ]

    def __str__(self):
        return f"Set {self.number} {self.side}".strip()
