import secrets
from datetime import time
from string import ascii_uppercase

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from exercises.models import Dose, Exercise, ExerciseMuscle, Focus
from plans import timing
from plans.loads import PlannedLoad

MAX_ROUTINES_PER_USER = 200
MAX_SESSIONS_PER_ROUTINE = 7
MAX_ITEMS_PER_SESSION = 30


class RoutineQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user, is_template=False)

    def templates(self):
        return self.filter(is_template=True)

    def newsletter_gift(self):
        """The starter template new newsletter subscribers are sent (at most one)."""
        return self.templates().filter(is_newsletter_gift=True)

    def with_contents(self):
        """Sessions, items, exercises and their muscles: a fixed number of queries."""
        items = RoutineItem.objects.select_related(
            "exercise__pattern", "exercise__figure"
        ).prefetch_related(
            Prefetch(
                "exercise__exercise_muscles",
                queryset=ExerciseMuscle.objects.select_related("muscle"),
            ),
            "exercise__equipment",  # for the time estimate's warm-up sets
        )
        return self.prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.prefetch_related(Prefetch("items", queryset=items)),
            )
        )

    def for_calendar(self):
        """Sessions, items, their exercises and equipment (for each event's length), for the
        calendar feed: five queries."""
        items = RoutineItem.objects.select_related("exercise__pattern").prefetch_related(
            "exercise__equipment"
        )
        return self.prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.prefetch_related(Prefetch("items", queryset=items)),
            )
        )


class Routine(models.Model):
    """A training template: a runner's own, or a curated starter template anyone can copy."""

    # The one focus vocabulary, shared with plans and focus areas (exercises.models.Focus).
    Focus = Focus

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routines",
    )
    is_template = models.BooleanField("starter template", default=False)
    is_newsletter_gift = models.BooleanField(
        "newsletter gift",
        default=False,
        help_text="The starter template sent to new newsletter subscribers; one at most.",
    )
    slug = models.SlugField(max_length=80, null=True, blank=True, unique=True)
    name = models.CharField(max_length=100)
    notes = models.TextField(blank=True, max_length=2000)
    focus = models.CharField(max_length=12, choices=Focus, default=Focus.GENERAL)
    sessions_per_week = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    # The calendar: each session's weekday (Session.weekday) at this time, in the owner's
    # time zone; weekly for good, or for `weeks` weeks from `starts_on` (a saved plan).
    in_calendar = models.BooleanField(
        "show in my calendar feed",
        default=True,
        help_text="Sessions with a day of the week appear in your calendar feed.",
    )
    session_time = models.TimeField(
        "session time", default=time(18, 0), help_text="When the sessions start, e.g. 18:00."
    )
    starts_on = models.DateField(
        "first week starts", null=True, blank=True, help_text="Leave empty to start this week."
    )
    weeks = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="How many weeks the plan lasts; leave empty to repeat every week.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["owner", "-created"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_template=True, owner__isnull=True, slug__isnull=False)
                | Q(is_template=False, owner__isnull=False),
                name="routine_is_owned_or_a_template",
            ),
            models.CheckConstraint(
                condition=Q(is_newsletter_gift=False) | Q(is_template=True),
                name="routine_newsletter_gift_is_a_template",
            ),
            models.UniqueConstraint(
                fields=["is_newsletter_gift"],
                condition=Q(is_newsletter_gift=True),
                name="routine_one_newsletter_gift",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        if self.is_template:
            return reverse("plans:template-detail", args=[self.slug])
        return reverse("plans:routine-detail", args=[self.pk])

    def download_url(self, extension):
        if self.is_template:
            return reverse(f"plans:template-download-{extension}", args=[self.slug])
        return reverse(f"plans:routine-download-{extension}", args=[self.pk])

    @property
    def pdf_url(self):
        return self.download_url("pdf")

    @property
    def xlsx_url(self):
        return self.download_url("xlsx")


def session_name(index: int) -> str:
    """Sessions are named in order: Session A, Session B, …"""
    return f"Session {ascii_uppercase[index]}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class Session(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)
    weekday = models.PositiveSmallIntegerField(
        "day of the week",
        choices=Weekday,
        null=True,
        blank=True,
        help_text="The day it goes in your calendar; none leaves it out.",
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def timed_rows(self) -> list[timing.TimedRow]:
        """The items as the time model reads them (fetch them with their exercises' pattern
        and equipment). Warm-up sets go before the first lift whose equipment adds load."""
        items = list(self.items.all())
        kinds = [
            timing.lift_kind(
                item.exercise.pattern.role,
                loaded=item.exercise.takes_load,
                hold=item.is_hold,
            )
            for item in items
        ]
        return [
            timing.TimedRow(
                sets=item.sets,
                reps=item.reps_max or item.reps_min,
                hold_seconds=item.hold_seconds,
                per_side=item.per_side,
                rest_seconds=item.rest_seconds,
                drill=item.exercise.kind == Exercise.Kind.WARMUP,
                warmup_sets=sets,
            )
            for item, sets in zip(items, timing.warmup_sets(kinds), strict=True)
        ]

    @property
    def estimated_seconds(self) -> int:
        """The plan builder's time model (plans.timing), so a saved plan keeps its minutes."""
        return timing.session_seconds(self.timed_rows())

    @property
    def estimated_minutes(self) -> int:
        return timing.minutes(self.estimated_seconds)


class RoutineItem(Dose, PlannedLoad):
    """One exercise in a session, with the runner's own dose, load and rest."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="routine_items")
    order = models.PositiveSmallIntegerField(default=0)
    rest_seconds = models.PositiveSmallIntegerField(
        "rest (seconds)", default=60, validators=[MaxValueValidator(600)]
    )
    notes = models.CharField(max_length=200, blank=True)

    class Meta(Dose.Meta):
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.exercise} ({self.dose})"


def new_token() -> str:
    """An unguessable secret for a private address (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


class RoutineShareQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(routine__owner=user, routine__is_template=False)


class RoutineShare(models.Model):
    """A read-only link to one routine. Revoking deletes it; a new link has a new token."""

    routine = models.OneToOneField(Routine, on_delete=models.CASCADE, related_name="share")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    include_notes = models.BooleanField(
        "include notes",
        default=False,
        help_text="Show the routine's and each exercise's notes to whoever has the link.",
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = RoutineShareQuerySet.as_manager()

    def __str__(self):
        return f"Share link for {self.routine}"

    def get_absolute_url(self):
        return reverse("plans:shared-routine", args=[self.token])
