"""The shipped content, loaded as the data migrations load it.

A test that commits for real (a browser journey, a migration test) may leave
the tables empty for the tests after it; this puts back what `migrate` leaves.
"""

from django.apps import apps

from exercises import services
from exercises.content import load_figures, load_library, load_problems, load_videos
from exercises.models import Exercise
from plans.content import load_templates


def load_shipped_content() -> None:
    load_library(apps)
    load_videos(apps)
    load_problems(apps)
    load_figures(apps)
    load_templates(apps)
    services.reindex(exercises=Exercise.objects.all())
