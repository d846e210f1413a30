from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from core.admin import BoundedSearchMixin, RetiresContentMixin
from exercises.models import (
    Equipment,
    Exercise,
    ExerciseMuscle,
    ExerciseVideo,
    FocusArea,
    MovementPattern,
    Muscle,
)
from exercises.services import make_primary, mark_reviewed


class VocabularyAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    """Slugs are fixed once a row exists: links and the content files refer to them.

    What a row counts as (its role field, shown in the list) is what editors change instead.
    """

    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

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
        count = mark_reviewed(videos=queryset)
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
                make_primary(video=video)
            except ValidationError as error:
                self.message_user(request, f"{video.exercise}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{video.exercise} now shows {video}.", messages.SUCCESS)


@admin.register(Exercise)
class ExerciseAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "pattern", "kind", "level", "unilateral", "updated"]
    list_filter = ["pattern", "kind", "level", "unilateral", "focus_areas", "equipment"]
    search_fields = ["name", "aliases", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["pattern", "focus_areas", "equipment", "easier_variations"]
    list_select_related = ["pattern"]
    inlines = [ExerciseMuscleInline, ExerciseVideoInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "summary", "pattern", "kind", "level"]}),
        ("Coaching", {"fields": ["cues", "mistakes", "why"]}),
        ("Body and kit", {"fields": ["focus_areas", "equipment", "unilateral"]}),
        (
            "Default dose",
            {"fields": ["sets", "reps_min", "reps_max", "hold_seconds", "per_side"]},
        ),
        ("Variations", {"fields": ["easier_variations"]}),
        ("Plan builder", {"fields": ["warmup_priority", "calf_role"]}),
    ]
