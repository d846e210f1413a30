from string import ascii_uppercase

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from exercises.models import Dose, Exercise, ExerciseMuscle, Focus
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
            )
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


class Session(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


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
