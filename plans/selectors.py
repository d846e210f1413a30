"""Reads that shape library data for the plans app: fixed query counts, plain values out."""

from django.db.models import Prefetch

from exercises.models import Equipment, Exercise, ExerciseMuscle
from plans.builder import Library, LibraryExercise, LibraryPattern


def builder_library() -> Library:
    """The whole library as the plan builder reads it, in six queries whatever its size."""
    exercises = (
        Exercise.objects.select_related("pattern")
        .prefetch_related(
            "equipment",
            "focus_areas",
            "load_options",
            Prefetch(
                "exercise_muscles",
                queryset=ExerciseMuscle.objects.filter(role=ExerciseMuscle.Role.PRIMARY)
                .exclude(muscle__balance_group="")
                .select_related("muscle"),
                to_attr="primary_links",
            ),
        )
        .defer("aliases", "mistakes", "why", "summary")
        .order_by("slug")
    )
    entries = []
    for exercise in exercises:
        equipment = list(exercise.equipment.all())
        entries.append(
            LibraryExercise(
                pk=exercise.pk,
                slug=exercise.slug,
                name=exercise.name,
                kind=exercise.kind,
                level=exercise.level,
                pattern=LibraryPattern(
                    slug=exercise.pattern.slug,
                    name=exercise.pattern.name,
                    role=exercise.pattern.role,
                ),
                unilateral=exercise.unilateral,
                equipment=frozenset(piece.slug for piece in equipment),
                loaded=exercise.takes_load,
                load_options=frozenset(piece.slug for piece in exercise.load_options.all()),
                load_required=exercise.load_required,
                primary_groups=frozenset(
                    link.muscle.balance_group for link in exercise.primary_links
                ),
                focuses=frozenset(
                    area.routine_focus for area in exercise.focus_areas.all() if area.routine_focus
                ),
                warmup_priority=exercise.warmup_priority,
                calf_role=exercise.calf_role,
                eccentric_heavy=exercise.eccentric_heavy,
                sets=exercise.sets,
                reps_min=exercise.reps_min,
                reps_max=exercise.reps_max,
                hold_seconds=exercise.hold_seconds,
                per_side=exercise.per_side,
                first_cue=next(iter(exercise.cue_list), ""),
            )
        )
    load_equipment = Equipment.objects.filter(adds_load=True).values_list("slug", flat=True)
    return Library(exercises=tuple(entries), load_equipment=frozenset(load_equipment))
