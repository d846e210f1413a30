from decimal import Decimal

import factory

from exercises.models import Exercise
from plans.loads import LoadKind
from plans.models import Routine, RoutineItem, Session
from tests.accounts.factories import UserFactory


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Routine {n}")
    sessions_per_week = 2


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    routine = factory.SubFactory(RoutineFactory)
    name = factory.Sequence(lambda n: f"Session {n}")
    order = factory.Sequence(int)


class RoutineItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutineItem

    session = factory.SubFactory(SessionFactory)
    exercise = factory.LazyFunction(lambda: Exercise.objects.get(slug="goblet-squat"))
    order = factory.Sequence(int)
    sets = 3
    reps_min = 8
    reps_max = 10
    load_kind = LoadKind.WEIGHT
    load_kg = Decimal("16")
    rest_seconds = 90


def routine_with(owner, *slugs, sessions=1, sessions_per_week=2):
    """A routine whose sessions each hold the named library exercises."""
    routine = RoutineFactory(owner=owner, sessions_per_week=sessions_per_week)
    for index in range(sessions):
        session = SessionFactory(routine=routine, name=f"Session {'AB'[index]}", order=index)
        for order, slug in enumerate(slugs):
            exercise = Exercise.objects.get(slug=slug)
            RoutineItemFactory(
                session=session,
                exercise=exercise,
                order=order,
                reps_min=exercise.reps_min,
                reps_max=exercise.reps_max,
                hold_seconds=exercise.hold_seconds,
            )
    return routine
