"""The time model (plans.timing) against the minutes each starter template's notes state."""

import pytest

from plans.models import Routine

pytestmark = pytest.mark.django_db

# The templates whose notes state how long a session takes, in the notes' own words.
STATED_MINUTES = {
    "core-for-runners": ("About 25 minutes", 25),
    "pre-run-warm-up": ("About eight minutes", 8),
}
TOLERANCE = 2


@pytest.mark.parametrize("slug", sorted(STATED_MINUTES))
def test_each_template_session_takes_the_minutes_its_notes_state(slug):
    phrase, stated = STATED_MINUTES[slug]
    template = Routine.objects.templates().with_contents().get(slug=slug)
    assert phrase in template.notes
    for session in template.sessions.all():
        assert abs(session.estimated_minutes - stated) <= TOLERANCE, (
            f"{session.name}: the model gives about {session.estimated_minutes} minutes, "
            f"the notes say {stated}"
        )


def test_the_template_page_shows_each_sessions_minutes(client):
    template = Routine.objects.templates().with_contents().get(slug="core-for-runners")
    (session,) = template.sessions.all()
    page = client.get(template.get_absolute_url()).content.decode()
    assert f"about {session.estimated_minutes} min" in page
