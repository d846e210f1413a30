import uuid

import factory
from django.utils import timezone

from exercises.models import Exercise
from tests.accounts.factories import UserFactory
from workouts.models import LoggedSet, Workout, WorkoutExercise


class WorkoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workout

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Spring block: Session {n}")
    started = factory.LazyFunction(timezone.now)


class WorkoutExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkoutExercise

    workout = factory.SubFactory(WorkoutFactory)
    exercise = factory.LazyFunction(lambda: Exercise.objects.get(slug="goblet-squat"))
    order = factory.Sequence(int)
    sets = 3
    reps_min = 8
    reps_max = 10
    rest_seconds = 90


class LoggedSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoggedSet

    workout_exercise = factory.SubFactory(WorkoutExerciseFactory)
    uuid = factory.LazyFunction(uuid.uuid4)
    number = factory.Sequence(lambda n: n % 3 + 1)
    reps = 10
