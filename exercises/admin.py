from django.contrib import admin
from django.utils.text import smart_split

from exercises import services
from exercises.models import (
    Equipment,
    Exercise,
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
    searched = True  # the library search matches this vocabulary's names

    def save_model(self, request, obj, form, change):
        """A renamed muscle, piece of equipment or pattern is searched by its new name."""
        super().save_model(request, obj, form, change)
        if self.searched and change and "name" in form.changed_data:
            services.reindex(exercises=obj.exercises.all())


admin.site.register(Muscle, VocabularyAdmin)
admin.site.register(Equipment, VocabularyAdmin)


@admin.register(MovementPattern)
class MovementPatternAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "description"]


@admin.register(FocusArea)
class FocusAreaAdmin(VocabularyAdmin):
    searched = False


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
class ExerciseAdmin(BoundedSearchMixin, admin.ModelAdmin):
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
            {"fields": DOSE_FIELDS},
        ),
        ("Variations", {"fields": ["easier_variations"]}),
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
class ProblemAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "clinical_name", "order"]
    list_editable = ["order"]
    search_fields = ["name", "clinical_name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProblemExerciseInline]
