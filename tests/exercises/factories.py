import factory

from exercises import services
from exercises.models import (
    Equipment,
    Exercise,
    ExerciseMuscle,
    ExerciseVideo,
    FocusArea,
    MovementPattern,
    Muscle,
)


class ExerciseFactory(factory.django.DjangoModelFactory):
    """An extra exercise; patterns, muscles and equipment come from the shipped vocabulary."""

    class Meta:
        model = Exercise
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test exercise {n}")
    slug = factory.Sequence(lambda n: f"test-exercise-{n}")
    summary = "A made-up exercise for tests."
    cues = "Stand tall.\nMove well."
    mistakes = "Rushing."
    why = "It is only a test."
    pattern = factory.LazyFunction(lambda: MovementPattern.objects.get(slug="squat"))
    reps_min = 8
    reps_max = 10

    @factory.post_generation
    def equipment(self, create, extracted, **kwargs):
        if create and extracted:
            self.equipment.set(Equipment.objects.filter(slug__in=extracted))

    @factory.post_generation
    def muscles(self, create, extracted, **kwargs):
        if create and extracted:
            for slug in extracted:
                ExerciseMuscle.objects.create(exercise=self, muscle=Muscle.objects.get(slug=slug))

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        """Last: the search fields see the muscles and equipment set above."""
        if create:
            services.reindex(exercises=Exercise.objects.filter(pk=self.pk))


class ExerciseVideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseVideo

    exercise = factory.SubFactory(ExerciseFactory)
    url = "https://www.youtube.com/watch?v=abcdefghijk"
    provider = "youtube"
    video_id = "abcdefghijk"
    title = "Coach demo"
    role = ExerciseVideo.Role.PRIMARY
    credit = "Test Coach"
    source = "Test Coach (named in the test)"
    seen_on = "https://example.com/videos"


def grow_library(size):
    """Bulk-add plain exercises, with equipment and muscles, until the library has `size`."""
    patterns = list(MovementPattern.objects.all())
    missing = size - Exercise.objects.count()
    created = Exercise.objects.bulk_create(
        Exercise(
            name=f"Generated exercise {n}",
            slug=f"generated-{n}",
            summary="Generated to measure queries.",
            cues="One.\nTwo.",
            mistakes="None.",
            why="Scale.",
            pattern=patterns[n % len(patterns)],
            reps_min=8,
        )
        for n in range(missing)
    )
    dumbbell = Equipment.objects.get(slug="dumbbell")
    knee = FocusArea.objects.get(slug="knee")
    glutes = Muscle.objects.get(slug="glutes")
    Exercise.equipment.through.objects.bulk_create(
        Exercise.equipment.through(exercise=e, equipment=dumbbell) for e in created
    )
    Exercise.focus_areas.through.objects.bulk_create(
        Exercise.focus_areas.through(exercise=e, focusarea=knee) for e in created
    )
    ExerciseMuscle.objects.bulk_create(ExerciseMuscle(exercise=e, muscle=glutes) for e in created)
    services.reindex(exercises=Exercise.objects.filter(pk__in=[e.pk for e in created]))
