from django.contrib import admin

from exercises.admin import BoundedSearchMixin
from workouts.models import LoggedSet, Workout, WorkoutExercise


class WorkoutExerciseInline(admin.TabularInline):
    model = WorkoutExercise
    fields = ["order", "exercise", "sets", "reps_min", "reps_max", "hold_seconds", "per_side"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False


class LoggedSetInline(admin.TabularInline):
    model = LoggedSet
    fields = ["number", "side", "reps", "hold_seconds", "load_kg", "reps_in_reserve", "logged"]
    extra = 0


@admin.register(Workout)
class WorkoutAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "owner", "started", "finished", "closed_automatically"]
    list_filter = ["closed_automatically"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    raw_id_fields = ["routine_session"]
    inlines = [WorkoutExerciseInline]


@admin.register(WorkoutExercise)
class WorkoutExerciseAdmin(admin.ModelAdmin):
    list_display = ["exercise", "workout"]
    list_select_related = ["exercise", "workout"]
    raw_id_fields = ["workout", "exercise"]
    inlines = [LoggedSetInline]
