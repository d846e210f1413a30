from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.functional import cached_property

from exercises.figures import WIDTH, Drawing, Pose, PoseError
from exercises.videos import VideoRef, parse_video_url


class VocabularyItem(models.Model):
    """A fixed list the library is organised by: patterns, focus areas, muscles, equipment."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MovementPattern(VocabularyItem):
    description = models.CharField(max_length=200, blank=True)

    class Meta(VocabularyItem.Meta):
        verbose_name = "movement pattern"


class FocusArea(VocabularyItem):
    """A body area a runner wants to look after: the article's sections."""

    intro = models.TextField(help_text="A short introduction shown on the focus page.")

    class Meta(VocabularyItem.Meta):
        verbose_name = "focus area"

    def get_absolute_url(self):
        return reverse("exercises:focus", args=[self.slug])


class Muscle(VocabularyItem):
    pass


class Equipment(VocabularyItem):
    class Meta(VocabularyItem.Meta):
        verbose_name_plural = "equipment"


# The filter form treats "no equipment" as one more choice.
BODYWEIGHT = "bodyweight"


class ExerciseQuerySet(models.QuerySet):
    def for_list(self):
        """What a list of exercise cards shows, in a fixed number of queries.

        Without the long text a card never shows: narrower rows to sort and
        fewer bytes to fetch and decode for every card on the page.
        """
        return (
            self.select_related("pattern", "figure")
            .prefetch_related("equipment")
            .defer("aliases", "cues", "mistakes", "why", "figure__pose")
        )

    def for_detail(self):
        return self.select_related("pattern", "figure").prefetch_related(
            "focus_areas",
            "equipment",
            "videos",
            models.Prefetch(
                "exercise_muscles", queryset=ExerciseMuscle.objects.select_related("muscle")
            ),
        )

    def filtered(
        self,
        *,
        patterns=(),
        focus=(),
        muscles=(),
        equipment=(),
        levels=(),
        unilateral_only=False,
        query="",
    ):
        """AND across fields, OR within one. Subqueries, not joins, so no row repeats."""
        qs = self
        if patterns:
            qs = qs.filter(pattern__slug__in=patterns)
        if levels:
            qs = qs.filter(level__in=levels)
        if unilateral_only:
            qs = qs.filter(unilateral=True)
        if focus:
            qs = qs.filter(
                Exists(
                    Exercise.focus_areas.through.objects.filter(
                        exercise=OuterRef("pk"), focusarea__slug__in=focus
                    )
                )
            )
        if muscles:
            qs = qs.filter(
                Exists(
                    ExerciseMuscle.objects.filter(exercise=OuterRef("pk"), muscle__slug__in=muscles)
                )
            )
        if equipment:
            through = Exercise.equipment.through.objects
            uses = Exists(through.filter(exercise=OuterRef("pk"), equipment__slug__in=equipment))
            if BODYWEIGHT in equipment:
                uses |= ~Exists(through.filter(exercise=OuterRef("pk")))
            qs = qs.filter(uses)
        for term in query.split():
            qs = qs.filter(
                Q(name__icontains=term)
                | Q(aliases__icontains=term)
                | Exists(
                    ExerciseMuscle.objects.filter(
                        exercise=OuterRef("pk"), muscle__name__icontains=term
                    )
                )
            )
        return qs


class Dose(models.Model):
    """Sets of repetitions (a number or a range) or of a timed hold, optionally per side."""

    sets = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    reps_min = models.PositiveSmallIntegerField(
        "reps", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    reps_max = models.PositiveSmallIntegerField(
        "reps (top of range)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    hold_seconds = models.PositiveSmallIntegerField(
        "hold (seconds)",
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
    )
    per_side = models.BooleanField("per side", default=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(reps_min__isnull=False, hold_seconds__isnull=True)
                | Q(reps_min__isnull=True, reps_max__isnull=True, hold_seconds__isnull=False),
                name="%(app_label)s_%(class)s_dose_is_reps_or_hold",
            ),
            models.CheckConstraint(
                condition=Q(reps_max__isnull=True) | Q(reps_max__gte=models.F("reps_min")),
                name="%(app_label)s_%(class)s_reps_range_ordered",
            ),
        ]

    def clean(self):
        super().clean()
        if (self.reps_min is None) == (self.hold_seconds is None):
            raise ValidationError("Give either repetitions or a hold time, not both.")
        if self.reps_max is not None and (self.reps_min is None or self.reps_max < self.reps_min):
            raise ValidationError(
                {"reps_max": "The top of the range must not be below the bottom."}
            )

    @property
    def is_hold(self):
        return self.hold_seconds is not None

    @property
    def reps_text(self):
        """'8' or '8–10'; empty for a hold."""
        return "" if self.is_hold else amount_text(self.reps_min, self.reps_max, None)

    @property
    def dose(self):
        """The dose as a coach writes it: "3 × 8–10 per side", "3 × 30 s"."""
        amount = amount_text(self.reps_min, self.reps_max, self.hold_seconds)
        return dose_text(self.sets, amount, self.per_side)


def amount_text(reps_min, reps_max, hold_seconds) -> str:
    """One set's work: "30 s", "8" or "8–10"."""
    if hold_seconds is not None:
        return f"{hold_seconds} s"
    if reps_max and reps_max != reps_min:
        return f"{reps_min}–{reps_max}"
    return f"{reps_min}"


def dose_text(sets, amount, per_side) -> str:
    """A dose as a coach writes it, from the sets and one set's `amount_text`."""
    return f"{sets} × {amount}" + (" per side" if per_side else "")


class Exercise(Dose):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        WARMUP = "warmup", "Warm-up drill"

    class Level(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    aliases = models.CharField(
        max_length=250, blank=True, help_text="Other names people search for, comma-separated."
    )
    summary = models.CharField(max_length=160)
    cues = models.TextField(help_text="Step-by-step form cues, one per line, in order.")
    mistakes = models.TextField(help_text="Common mistakes, one per line.")
    why = models.TextField("why it matters for runners")
    pattern = models.ForeignKey(MovementPattern, on_delete=models.PROTECT, related_name="exercises")
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.STRENGTH, db_index=True)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="exercises")
    muscles = models.ManyToManyField(
        Muscle, through="ExerciseMuscle", blank=True, related_name="exercises"
    )
    equipment = models.ManyToManyField(
        Equipment,
        blank=True,
        related_name="exercises",
        help_text="Everything needed to do it as described; none means bodyweight.",
    )
    unilateral = models.BooleanField("single-leg or single-arm", default=False, db_index=True)
    level = models.CharField(max_length=12, choices=Level, default=Level.BEGINNER, db_index=True)
    easier_variations = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="harder_variations"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta(Dose.Meta):
        ordering = ["pattern__order", "name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:detail", args=[self.slug])

    @property
    def alias_list(self):
        return [alias.strip() for alias in self.aliases.split(",") if alias.strip()]

    @property
    def cue_list(self):
        return [line.strip() for line in self.cues.splitlines() if line.strip()]

    @property
    def mistake_list(self):
        return [line.strip() for line in self.mistakes.splitlines() if line.strip()]

    def muscles_by_role(self, role):
        """From the prefetched exercise_muscles (see `for_detail`)."""
        return [link.muscle for link in self.exercise_muscles.all() if link.role == role]

    @property
    def primary_muscles(self):
        return self.muscles_by_role(ExerciseMuscle.Role.PRIMARY)

    @property
    def secondary_muscles(self):
        return self.muscles_by_role(ExerciseMuscle.Role.SECONDARY)

    def variations(self):
        """(easier, harder) variations, both directions in one query."""
        links = Exercise.easier_variations.through.objects.filter(
            Q(from_exercise=self) | Q(to_exercise=self)
        ).select_related("from_exercise", "to_exercise")
        easier = [link.to_exercise for link in links if link.from_exercise_id == self.pk]
        harder = [link.from_exercise for link in links if link.to_exercise_id == self.pk]
        return easier, harder

    def related(self, *, limit=6):
        """Other exercises with the same movement pattern."""
        return Exercise.objects.filter(pattern_id=self.pattern_id).exclude(pk=self.pk)[:limit]

    @property
    def video_search_url(self):
        """Where to look for form videos when the library has none yet."""
        return "https://www.youtube.com/results?" + urlencode(
            {"search_query": f"{self.name} exercise form"}
        )


class ExerciseMuscle(models.Model):
    class Role(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="exercise_muscles"
    )
    muscle = models.ForeignKey(Muscle, on_delete=models.PROTECT, related_name="exercise_links")
    role = models.CharField(max_length=10, choices=Role, default=Role.PRIMARY)

    class Meta:
        ordering = ["role", "muscle__order"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "muscle"], name="exercise_muscle_once"),
        ]

    def __str__(self):
        return f"{self.muscle} ({self.get_role_display().lower()})"


class ExerciseFigure(models.Model):
    """The drawn demonstration of an exercise: its key positions as a pose description.

    Stored on a row of its own that hangs off the exercise (loaded from
    `content/poses.toml` by slug, once), rather than read from the file at
    render time: an editor who renames an exercise's slug keeps its figure,
    and a figure can be corrected in the admin like the rest of the content.
    `exercises.figures` describes the pose and draws it.
    """

    exercise = models.OneToOneField(Exercise, on_delete=models.CASCADE, related_name="figure")
    pose = models.JSONField(
        help_text="View, props and positions of the figure, as in exercises/content/poses.toml."
    )
    updated = models.DateTimeField(auto_now=True)

    # The figure a card shows: the position the exercise works in (a squat's bottom).
    CARD_POSITION = 2

    def __str__(self):
        return f"Figure of {self.exercise}"

    def clean(self):
        try:
            Pose(self.pose)
        except (PoseError, TypeError, ValueError, KeyError) as error:
            raise ValidationError({"pose": f"This pose cannot be drawn: {error}"}) from error

    @cached_property
    def drawing(self) -> Drawing:
        return Drawing(Pose(self.pose))

    @property
    def version(self) -> str:
        """Changes with every save: figure URLs carry it, so browsers may keep a figure for good."""
        return f"{self.updated:%Y%m%d%H%M%S%f}"

    def url(self, position: int | None = None) -> str:
        """The animated figure, or position `position` (1-based) still."""
        if position is None:
            path = reverse("exercises:figure", args=[self.exercise.slug])
        else:
            path = reverse("exercises:figure-still", args=[self.exercise.slug, position])
        return f"{path}?v={self.version}"

    @property
    def animated_url(self) -> str:
        return self.url()

    @property
    def card_url(self) -> str:
        return self.url(self.CARD_POSITION)

    @property
    def stills(self) -> list[tuple[str, str]]:
        """(URL, alt text) of each position."""
        return [
            (self.url(number), frame.alt)
            for number, frame in enumerate(self.drawing.pose.frames, start=1)
        ]

    @property
    def start_and_end(self) -> list[tuple[str, str]]:
        """(URL, alt text) of the first and last positions: what print and the PDF show."""
        stills = self.stills
        return [stills[0], stills[-1]]

    def start_and_end_svg(self) -> tuple[str, str]:
        """The first and last positions, still, as SVG documents (for the PDF)."""
        return self.drawing.svg(0), self.drawing.svg(len(self.drawing.pose.frames) - 1)

    @property
    def alt(self) -> str:
        """The animated figure's alt text: every position in turn."""
        return self.drawing.title()

    # Every figure has one width; its height follows what it shows (standing, lying down).
    width, still_width, print_width = WIDTH, 130, 65

    @property
    def height(self) -> int:
        return round(self.drawing.height)

    @property
    def still_height(self) -> int:
        return round(self.drawing.height * self.still_width / self.width)

    @property
    def print_height(self) -> int:
        return round(self.drawing.height * self.print_width / self.width)


class ExerciseVideo(models.Model):
    """A form video on YouTube or Vimeo, stored as the parsed provider, id and start time."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="videos")
    url = models.URLField("video link", max_length=300)
    title = models.CharField(max_length=120, blank=True)
    provider = models.CharField(max_length=10, choices=VideoRef.Provider, editable=False)
    video_id = models.CharField(max_length=40, editable=False)
    start_seconds = models.PositiveIntegerField(default=0, editable=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title or self.url

    def clean(self):
        try:
            ref = parse_video_url(self.url)
        except ValidationError as error:
            raise ValidationError({"url": error}) from error
        self.provider, self.video_id, self.start_seconds = ref.provider, ref.video_id, ref.start

    @property
    def ref(self):
        return VideoRef(self.provider, self.video_id, self.start_seconds)


def library_vocabulary() -> dict[str, list[tuple[str, str]]]:
    """Patterns, focus areas, muscles and equipment as (slug, name) pairs, in one query."""
    sources = {
        "pattern": MovementPattern,
        "focus": FocusArea,
        "muscle": Muscle,
        "equipment": Equipment,
    }
    parts = [
        model.objects.order_by()
        .annotate(kind=models.Value(kind, output_field=models.CharField()))
        .values_list("kind", "order", "name", "slug")
        for kind, model in sources.items()
    ]
    vocabulary = {kind: [] for kind in sources}
    for kind, _order, name, slug in sorted(parts[0].union(*parts[1:], all=True)):
        vocabulary[kind].append((slug, name))
    return vocabulary
