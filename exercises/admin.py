from django.contrib import admin
from django.utils.text import smart_split

from exercises.models import (
    Equipment,
    Exercise,
    ExerciseFigure,
    ExerciseMuscle,
    ExerciseVideo,
    FocusArea,
    MovementPattern,
    Muscle,
)


class BoundedSearchMixin:
    """Admin search on the first few words only. Every word becomes a LIKE on each search
    field, so a pasted essay made a query SQLite refuses ("Expression tree is too large")
    and a slow one on PostgreSQL."""

    max_search_length = 200
    max_search_terms = 10

    def get_search_results(self, request, queryset, search_term):
        terms = list(smart_split(search_term[: self.max_search_length]))[: self.max_search_terms]
        return super().get_search_results(request, queryset, " ".join(terms))


class VocabularyAdmin(BoundedSearchMixin, admin.ModelAdmin):
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


class ExerciseFigureInline(admin.StackedInline):
    """The drawn figure's pose, for an editor to correct (`manage.py figure_sheet` shows them)."""

    model = ExerciseFigure
    fields = ["pose"]
    extra = 0


@admin.register(Exercise)
class ExerciseAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "pattern", "kind", "level", "unilateral", "updated"]
    list_filter = ["pattern", "kind", "level", "unilateral", "focus_areas", "equipment"]
    search_fields = ["name", "aliases", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["pattern", "focus_areas", "equipment", "easier_variations"]
    list_select_related = ["pattern"]
    inlines = [ExerciseMuscleInline, ExerciseVideoInline, ExerciseFigureInline]
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
