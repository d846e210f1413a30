from urllib.parse import urlencode

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from core.http import site_url
from exercises import search
from exercises.figures import WIDTH, Drawing, Pose, PoseError, drawing_of
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


class Focus(models.TextChoices):
    """What a routine, a built plan or a focus area looks after: one vocabulary for all."""

    GENERAL = "general", "General strength"
    KNEE = "knee", "Knees"
    HIP_GLUTE = "hip-glute", "Hips and glutes"
    CORE = "core", "Core"
    CALF_SHIN = "calf-shin", "Calves and shins"
    WARMUP = "warmup", "Pre-run warm-up"


class MovementPattern(VocabularyItem):
    class Role(models.TextChoices):
        """What the balance check and the plan builder count a pattern as."""

        SQUAT = "squat", "Squat"
        HINGE = "hinge", "Hip hinge"
        KNEE_FLEXION = "knee-flexion", "Knee flexion (hamstring curls)"
        LUNGE = "lunge", "Lunge or single-leg"
        PUSH = "push", "Upper-body push"
        PULL = "pull", "Upper-body pull"
        CORE_HOLD = "core-hold", "Core hold"
        CORE_MOVING = "core-moving", "Moving core"
        CALF = "calf", "Calf and shin"
        HIP = "hip", "Hip stability"
        PLYOMETRIC = "plyometric", "Plyometrics"

    description = models.CharField(max_length=200, blank=True)
    role = models.CharField(
        max_length=12,
        choices=Role,
        blank=True,
        help_text="What the balance check and the plan builder count this pattern as; "
        "blank for none (warm-up drills).",
    )

    class Meta(VocabularyItem.Meta):
        verbose_name = "movement pattern"


class FocusArea(VocabularyItem):
    """A body area a runner wants to look after: the article's sections."""

    intro = models.TextField(help_text="A short introduction shown on the focus page.")
    routine_focus = models.CharField(
        max_length=12,
        choices=Focus,
        blank=True,
        help_text="The routine and plan focus this area serves: the plan builder ranks "
        "its exercises first for that focus.",
    )

    class Meta(VocabularyItem.Meta):
        verbose_name = "focus area"

    def get_absolute_url(self):
        return reverse("exercises:focus", args=[self.slug])


class Muscle(VocabularyItem):
    class BalanceGroup(models.TextChoices):
        """The leg muscle groups the balance check counts sets for."""

        GLUTES = "glutes", "Glutes"
        QUADRICEPS = "quadriceps", "Quadriceps"
        HAMSTRINGS = "hamstrings", "Hamstrings"
        ADDUCTORS = "adductors", "Adductors"
        CALVES = "calves", "Calves"
        SHIN = "shin", "Shin"

    balance_group = models.CharField(
        max_length=12,
        choices=BalanceGroup,
        blank=True,
        help_text="The leg muscle group the balance check counts this muscle in; blank for none.",
    )


class Equipment(VocabularyItem):
    adds_load = models.BooleanField(
        default=False,
        help_text="It adds a load that can grow week by week (weights, a cable), so the plan "
        "builder gives exercises using it the phase's rep range.",
    )

    class Meta(VocabularyItem.Meta):
        verbose_name_plural = "equipment"


# The filter form treats "no equipment" as one more choice.
BODYWEIGHT = "bodyweight"


class ExerciseQuerySet(models.QuerySet):
    def for_list(self, *, searched=False):
        """What a list of exercise cards shows, in a fixed number of queries.

        Without the long text a card never shows: narrower rows to sort and
        fewer bytes to fetch and decode for every card on the page. A searched
        list keeps what `search.explain` reads to say where a word matched.
        """
        unseen = ["cues", "mistakes", "why", "search_document", "figure__pose"]
        if not searched:
            unseen += ["aliases", *search.STORED_FIELDS]
        return (
            self.select_related("pattern", "figure")
            .prefetch_related("equipment", "load_options")
            .defer(*unseen)
        )

    def for_detail(self):
        return self.select_related("pattern", "figure").prefetch_related(
            "focus_areas",
            "equipment",
            "load_options",
            models.Prefetch(
                "videos", queryset=ExerciseVideo.objects.shown(), to_attr="shown_videos"
            ),
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
        problems=(),
        unilateral_only=False,
        query: "str | search.Search" = "",
    ):
        """AND across fields, OR within one. Subqueries, not joins, so no row repeats.

        A query (text, or a `search.parse` result) also orders the matches best first.
        """
        qs = self
        if problems:
            qs = qs.filter(
                Exists(
                    ProblemExercise.objects.filter(
                        exercise=OuterRef("pk"), problem__slug__in=problems
                    )
                )
            )
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
            # An exercise that needs any one of its load options uses each of them.
            uses |= Q(load_required=True) & Exists(
                Exercise.load_options.through.objects.filter(
                    exercise=OuterRef("pk"), equipment__slug__in=equipment
                )
            )
            if BODYWEIGHT in equipment:
                uses |= ~Exists(through.filter(exercise=OuterRef("pk"))) & Q(load_required=False)
            qs = qs.filter(uses)
        if isinstance(query, str):
            query = search.parse(query)
        return search.apply(qs, query)


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


def lines(text: str) -> list[str]:
    """A text field written one item (cue, paragraph, source) a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class Exercise(Dose):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        WARMUP = "warmup", "Warm-up drill"

    class Level(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    class CalfRole(models.TextChoices):
        """The calf and shin work the plan builder rotates through, session by session."""

        CALF_RAISE = "calf-raise", "Straight-knee calf raise"
        SHIN = "shin", "Shin raise"
        SOLEUS = "soleus", "Bent-knee calf raise"

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
    warmup_priority = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Warm-up drills: the plan builder's order, lowest first; drills without "
        "one come after.",
    )
    calf_role = models.CharField(
        max_length=12,
        choices=CalfRole,
        blank=True,
        help_text="Which turn of the plan builder's calf and shin rotation this exercise fills.",
    )
    load_options = models.ManyToManyField(
        Equipment,
        blank=True,
        related_name="optional_load_for",
        help_text="Weights it can also be done holding (any one of them); without them it is "
        "done with bodyweight, so the plan builder loads it when the runner has one.",
    )
    load_required = models.BooleanField(
        default=False,
        help_text="It needs one of its load options (any one of them): there is no bodyweight "
        "version, so it suits a runner who has any of them.",
    )
    eccentric_heavy = models.BooleanField(
        default=False,
        help_text="Hard slow lowering that leaves the muscle sore for days (the Nordic curl): "
        "the plan builder keeps it off light days and starts it with one or two sets.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Normalised, stemmed tokens for the library search, written by `services.reindex`.
    search_name = models.TextField(blank=True, editable=False)
    search_aliases = models.TextField(blank=True, editable=False)
    search_tags = models.TextField(
        blank=True, editable=False, help_text="Muscles, equipment and movement pattern."
    )
    search_cues = models.TextField(blank=True, editable=False)
    search_keys = models.TextField(
        blank=True, editable=False, help_text="The name and each other name, spaces ignored."
    )
    # PostgreSQL only (empty on SQLite): the search fields as one weighted document.
    search_document = SearchVectorField(null=True, editable=False)

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
        return lines(self.cues)

    @property
    def load_choice_text(self) -> str:
        """ "Dumbbell or kettlebell" where it needs any one of its load options, else ""."""
        if not self.load_required:
            return ""
        options = [item.name for item in self.load_options.all()]
        return " or ".join([options[0], *(name.lower() for name in options[1:])]) if options else ""

    @property
    def equipment_text(self) -> str:
        """ "Bench", "Dumbbell or kettlebell", "No equipment", from the prefetched equipment."""
        needed = [item.name for item in self.equipment.all()]
        return ", ".join(filter(None, [*needed, self.load_choice_text])) or "No equipment"

    @property
    def takes_load(self) -> bool:
        """Its equipment adds a load, or it needs one of its weights (from the prefetched
        equipment)."""
        return self.load_required or any(piece.adds_load for piece in self.equipment.all())

    @property
    def is_bodyweight(self) -> bool:
        """Done with no equipment at all (it may still take an optional weight)."""
        return not self.load_required and not self.equipment.all()

    @property
    def mistake_list(self):
        return lines(self.mistakes)

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
    def video(self):
        """The form video the page shows, or None; from `for_detail`'s prefetch."""
        return next(iter(self.shown_videos), None)

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


class ExerciseVideoQuerySet(models.QuerySet):
    def shown(self):
        """What the public page may show: the primary video, unless a check found it gone.

        A primary an editor has not reviewed yet is shown too, with its credit and a
        line saying so; a video the provider says is gone never is.
        """
        return self.filter(role=ExerciseVideo.Role.PRIMARY).exclude(
            availability=ExerciseVideo.Availability.GONE
        )


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

    @property
    def drawing(self) -> Drawing:
        return drawing_of(self.pose)

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
    def card_frame(self) -> int:
        """The card's position, 0-based: what the link preview shows too."""
        return min(self.CARD_POSITION, len(self.drawing.pose.frames)) - 1

    @property
    def preview_url(self) -> str:
        """The link-preview PNG (og:image), absolute as Open Graph needs it."""
        path = reverse("exercises:figure-preview", args=[self.exercise.slug])
        return site_url(f"{path}?v={self.version}")

    @property
    def preview_alt(self) -> str:
        return self.drawing.pose.frames[self.card_frame].alt

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
    """A form video on YouTube or Vimeo, stored as the parsed provider, id and start time.

    Shipped videos keep where the exact link was seen and who made or curated it
    (`exercises/content/videos.csv`), so an editor can judge it before vouching for it.
    """

    class Role(models.TextChoices):
        PRIMARY = "primary", "Primary (shown on the exercise page)"
        ALTERNATIVE = "alternative", "Alternative"

    class Review(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        REVIEWED = "reviewed", "Reviewed by an editor"

    class Availability(models.TextChoices):
        UNKNOWN = "unknown", "Not checked yet"
        AVAILABLE = "available", "Available"
        GONE = "gone", "Gone (hidden)"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="videos")
    url = models.URLField("video link", max_length=300)
    title = models.CharField(max_length=120, blank=True)
    provider = models.CharField(max_length=10, choices=VideoRef.Provider, editable=False)
    video_id = models.CharField(max_length=40, editable=False)
    start_seconds = models.PositiveIntegerField(default=0, editable=False)
    order = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(max_length=12, choices=Role, default=Role.ALTERNATIVE)
    credit = models.CharField(
        max_length=80,
        blank=True,
        help_text='Who made it, as the page shows it after "Video:"; empty when unknown.',
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Who made or curated it, as far as is known."
    )
    seen_on = models.CharField(
        "seen on",
        max_length=300,
        blank=True,
        help_text="Where this exact link was found: a page, or github:owner/repo@commit path.",
    )
    note = models.TextField(blank=True, help_text="What the page it was found on called it.")
    watch_first = models.CharField(
        "watch first because",
        max_length=200,
        blank=True,
        help_text="Why an editor should watch this one before the others.",
    )
    review = models.CharField(max_length=10, choices=Review, default=Review.PENDING)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    availability = models.CharField(
        max_length=10, choices=Availability, default=Availability.UNKNOWN, editable=False
    )
    checked_at = models.DateTimeField("last definite answer", null=True, blank=True, editable=False)

    objects = ExerciseVideoQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise"],
                condition=Q(role="primary"),
                name="exercise_video_one_primary",
                violation_error_message="This exercise already has a primary video.",
            ),
        ]

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

    @property
    def is_reviewed(self):
        return self.review == self.Review.REVIEWED


class SearchTerm(models.Model):
    """Every token the library's search fields hold: what a typed word may be corrected to."""

    term = models.CharField(max_length=search.MAX_WORD_LENGTH * 2, unique=True)

    def __str__(self):
        return self.term


class Problem(models.Model):
    """A complaint runners search for, and the exercises commonly used to build capacity.

    General guidance in plain words, never a diagnosis: each page says when to
    see a professional and which sources it rests on.
    """

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    clinical_name = models.CharField(
        max_length=120, blank=True, help_text="The name a clinician uses, if different."
    )
    summary = models.CharField(max_length=200, help_text="One line for lists and search results.")
    about = models.TextField(help_text="What it usually is, in plain words; one paragraph a line.")
    see_someone = models.TextField(
        "when to see a professional", help_text="Red flags, one per line."
    )
    approach = models.TextField(
        help_text="How strength work is usually built up; one paragraph a line."
    )
    sources = models.TextField(help_text="Guidelines and reviews, one per line.")
    order = models.PositiveSmallIntegerField(default=0)
    exercises = models.ManyToManyField(
        Exercise, through="ProblemExercise", blank=True, related_name="problems"
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:problem", args=[self.slug])

    @property
    def about_paragraphs(self):
        return lines(self.about)

    @property
    def red_flags(self):
        return lines(self.see_someone)

    @property
    def approach_paragraphs(self):
        return lines(self.approach)

    @property
    def source_list(self):
        return lines(self.sources)

    def steps(self):
        """The exercises in order, each with its starting dose, in one query."""
        return self.problem_exercises.select_related("exercise", "exercise__pattern")


class ProblemExercise(Dose):
    """One exercise on a problem's page, in order, with the dose to start at."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="problem_exercises")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="problem_links")
    order = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(
        max_length=200, blank=True, help_text="When or how to use it, in a few words."
    )

    class Meta(Dose.Meta):
        ordering = ["order", "pk"]
        constraints = [
            *Dose.Meta.constraints,
            models.UniqueConstraint(fields=["problem", "exercise"], name="problem_exercise_once"),
        ]

    def __str__(self):
        return f"{self.problem}: {self.exercise} ({self.dose})"


def library_vocabulary() -> dict[str, list[tuple[str, str]]]:
    """Patterns, focus areas, muscles, equipment, problems as (slug, name) pairs, in one query."""
    sources = {
        "pattern": MovementPattern,
        "focus": FocusArea,
        "muscle": Muscle,
        "equipment": Equipment,
        "problem": Problem,
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


def role_slugs() -> dict[tuple[str, str], list[str]]:
    """Slugs by ("pattern", role) and ("muscle", balance group), in vocabulary order: one query."""
    parts = [
        model.objects.order_by()
        .exclude(**{field: ""})
        .annotate(
            kind=models.Value(kind, output_field=models.CharField()),
            value=models.F(field),
        )
        .values_list("kind", "value", "order", "name", "slug")
        for kind, model, field in (
            ("pattern", MovementPattern, "role"),
            ("muscle", Muscle, "balance_group"),
        )
    ]
    slugs: dict[tuple[str, str], list[str]] = {}
    for kind, value, _order, _name, slug in sorted(parts[0].union(parts[1], all=True)):
        slugs.setdefault((kind, value), []).append(slug)
    return slugs
