"""Which pages a runner's device keeps for the gym: the list the service worker precaches.

For a signed-in runner: their routines, the exercise pages those routines use,
their log and the workouts still open. Nothing of anyone else's. Anonymous
visitors get no list (the library is cached as they visit it).
"""

import hashlib
import hmac

from django.conf import settings
from django.urls import reverse

from exercises.models import Exercise
from plans.models import Routine
from workouts.models import Workout


def owner_key(user) -> str:
    """Names the runner the device's personal cache belongs to, without saying who:
    the service worker empties that cache when the key changes (another login)."""
    if not user.is_authenticated:
        return ""
    message = f"offline-owner:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def urls_for(user) -> list[str]:
    """Three queries: routines, the exercises in them, open workouts."""
    if not user.is_authenticated:
        return []
    routines = list(Routine.objects.owned_by(user).order_by("pk"))
    exercises = Exercise.objects.filter(routine_items__session__routine__in=routines).distinct()
    workouts = Workout.objects.owned_by(user).still_open().order_by("pk")
    return [
        reverse("plans:routine-list"),
        reverse("workouts:workout-list"),
        *(routine.get_absolute_url() for routine in routines),
        *sorted({exercise.get_absolute_url() for exercise in exercises}),
        *(workout.get_absolute_url() for workout in workouts),
    ]
