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
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(Muscle, VocabularyAdmin)
admin.site.register(Equipment, VocabularyAdmin)


@admin.register(MovementPattern)
class MovementPatternAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "description"]


@admin.register(FocusArea)
class FocusAreaAdmin(VocabularyAdmin):
    pass


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
    ]
