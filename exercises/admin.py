from django.contrib import admin

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


class ExerciseVideoInline(admin.TabularInline):
    model = ExerciseVideo
    fields = ["url", "title", "order", "provider", "video_id", "start_seconds"]
    readonly_fields = ["provider", "video_id", "start_seconds"]
    extra = 1


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
