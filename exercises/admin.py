from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from core.admin import BoundedSearchMixin, RetiresContentMixin
from exercises import services
from exercises.models import (
    Equipment,
    Exercise,
    ExerciseFigure,
    ExerciseMuscle,
    ExerciseVideo,
    FocusArea,
    MovementPattern,
    Muscle,
    Problem,
    ProblemExercise,
)

# A dose's fields (models.Dose), in the order a coach reads them.
DOSE_FIELDS = ["sets", "reps_min", "reps_max", "hold_seconds", "per_side"]


class VocabularyAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    """Slugs are fixed once a row exists: links and the content files refer to them.

    What a row counts as (its role field, shown in the list) is what editors change instead.
    """

    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    searched = True  # the library search matches this vocabulary's names

    def save_model(self, request, obj, form, change):
        """A renamed muscle, piece of equipment or pattern is searched by its new name."""
        super().save_model(request, obj, form, change)
        if self.searched and change and "name" in form.changed_data:
            services.reindex(exercises=obj.exercises.all())
            if isinstance(obj, Equipment):
                services.reindex(exercises=obj.optional_load_for.all())

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields


@admin.register(Muscle)
class MuscleAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "balance_group"]


@admin.register(Equipment)
class EquipmentAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "adds_load"]


@admin.register(MovementPattern)
class MovementPatternAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "role", "description"]


@admin.register(FocusArea)
class FocusAreaAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "routine_focus"]
    searched = False


class ExerciseMuscleInline(admin.TabularInline):
    model = ExerciseMuscle
    autocomplete_fields = ["muscle"]
    extra = 1


class ExerciseVideoFormSet(BaseInlineFormSet):
    """Two rows made primary in one save would pass each row's own check, then clash."""

    def clean(self):
        super().clean()
        primaries = [
            form
            for form in self.forms
            if form.cleaned_data.get("role") == ExerciseVideo.Role.PRIMARY
            and not form.cleaned_data.get("DELETE")
        ]
        if len(primaries) > 1:
            raise ValidationError(
                "Only one video can be the primary; make the others alternatives."
            )


class ExerciseVideoInline(admin.TabularInline):
    """The exercise's primary video and its alternatives; each opens its full record."""

    model = ExerciseVideo
    formset = ExerciseVideoFormSet
    fields = ["url", "title", "role", "credit", "review", "availability", "order"]
    readonly_fields = ["review", "availability"]
    show_change_link = True
    extra = 1


# Awaiting review first, the ones flagged "watch first" at the top; gone videos next.
REVIEW_QUEUE_ORDER = Case(
    When(Q(review=ExerciseVideo.Review.PENDING) & ~Q(watch_first=""), then=Value(0)),
    When(availability=ExerciseVideo.Availability.GONE, then=Value(1)),
    When(review=ExerciseVideo.Review.PENDING, role=ExerciseVideo.Role.PRIMARY, then=Value(2)),
    When(review=ExerciseVideo.Review.PENDING, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


@admin.register(ExerciseVideo)
class ExerciseVideoAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = [
        "exercise",
        "role",
        "review",
        "availability",
        "credit",
        "watch_first",
        "watch_link",
        "alternatives_link",
    ]
    list_filter = ["review", "availability", "role", ("watch_first", admin.EmptyFieldListFilter)]
    list_select_related = ["exercise"]
    search_fields = ["exercise__name", "credit", "source", "seen_on", "url"]
    autocomplete_fields = ["exercise"]
    ordering = [REVIEW_QUEUE_ORDER, "exercise__name", "order"]
    actions = ["mark_as_reviewed", "swap_in_as_primary"]
    readonly_fields = [
        "provider",
        "video_id",
        "start_seconds",
        "review",
        "reviewed_at",
        "availability",
        "checked_at",
    ]
    fieldsets = [
        (None, {"fields": ["exercise", "url", "title", "role", "order", "credit"]}),
        ("Where it came from", {"fields": ["source", "seen_on", "note", "watch_first"]}),
        ("Review", {"fields": ["review", "reviewed_at", "availability", "checked_at"]}),
        ("Parsed link", {"fields": ["provider", "video_id", "start_seconds"]}),
    ]

    @admin.display(description="watch")
    def watch_link(self, video):
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">on {}</a>',
            video.ref.watch_url,
            video.ref.provider_label,
        )

    @admin.display(description="all videos of this exercise")
    def alternatives_link(self, video):
        url = reverse("admin:exercises_exercisevideo_changelist")
        return format_html(
            '<a href="{}?exercise__id__exact={}">compare</a>', url, video.exercise_id
        )

    @admin.action(description="Mark the selected videos as reviewed", permissions=["change"])
    def mark_as_reviewed(self, request, queryset):
        count = services.mark_reviewed(videos=queryset)
        self.message_user(request, f"{count} video(s) marked as reviewed.", messages.SUCCESS)

    @admin.action(
        description="Make the selected video its exercise's primary", permissions=["change"]
    )
    def swap_in_as_primary(self, request, queryset):
        videos = list(queryset.select_related("exercise"))
        if len({video.exercise_id for video in videos}) != len(videos):
            self.message_user(
                request, "Pick at most one video per exercise to make primary.", messages.ERROR
            )
            return
        for video in videos:
            try:
                services.make_primary(video=video)
            except ValidationError as error:
                self.message_user(request, f"{video.exercise}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{video.exercise} now shows {video}.", messages.SUCCESS)


class ExerciseFigureInline(admin.StackedInline):
    """The drawn figure's pose, for an editor to correct (`manage.py figure_sheet` shows them)."""

    model = ExerciseFigure
    fields = ["pose"]
    extra = 0


@admin.register(Exercise)
class ExerciseAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "pattern", "kind", "level", "unilateral", "updated"]
    list_filter = ["pattern", "kind", "level", "unilateral", "focus_areas", "equipment"]
    search_fields = ["name", "aliases", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = [
        "pattern",
        "focus_areas",
        "equipment",
        "load_options",
        "easier_variations",
    ]
    list_select_related = ["pattern"]
    inlines = [ExerciseMuscleInline, ExerciseVideoInline, ExerciseFigureInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "summary", "pattern", "kind", "level"]}),
        ("Coaching", {"fields": ["cues", "mistakes", "why"]}),
        (
            "Body and kit",
            {"fields": ["focus_areas", "equipment", "load_options", "load_required", "unilateral"]},
        ),
        (
            "Default dose",
            {"fields": DOSE_FIELDS},
        ),
        ("Variations", {"fields": ["easier_variations"]}),
        ("Plan builder", {"fields": ["warmup_priority", "calf_role", "eccentric_heavy"]}),
    ]

    def save_related(self, request, form, formsets, change):
        """Once muscles and equipment are saved too, the search sees the exercise as it is now."""
        super().save_related(request, form, formsets, change)
        services.reindex(exercises=Exercise.objects.filter(pk=form.instance.pk))


class ProblemExerciseInline(admin.TabularInline):
    model = ProblemExercise
    autocomplete_fields = ["exercise"]
    fields = ["order", "exercise", *DOSE_FIELDS, "note"]
    extra = 1


@admin.register(Problem)
class ProblemAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "clinical_name", "order"]
    list_editable = ["order"]
    search_fields = ["name", "clinical_name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProblemExerciseInline]
