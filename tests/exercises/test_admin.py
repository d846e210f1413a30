import pytest
from django.urls import reverse

from exercises.models import Exercise, Muscle
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_renaming_a_muscle_in_the_admin_updates_the_search(staff_client):
    muscle = Muscle.objects.get(slug="adductors")
    response = staff_client.post(
        reverse("admin:exercises_muscle_change", args=[muscle.pk]),
        {"name": "Groin muscles", "slug": muscle.slug, "order": muscle.order},
    )
    assert response.status_code == 302
    found = Exercise.objects.filtered(query="groin").values_list("slug", flat=True)
    assert "copenhagen-plank" in found
