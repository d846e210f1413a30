"""The library's admin: slugs fixed once a row exists, roles editable."""

import pytest
from django.urls import reverse

from exercises.models import Equipment, FocusArea, MovementPattern, Muscle

pytestmark = pytest.mark.django_db

VOCABULARY = [
    (MovementPattern, "hinge"),
    (FocusArea, "warmup"),
    (Muscle, "soleus"),
    (Equipment, "dumbbell"),
]


@pytest.mark.parametrize(("model", "slug"), VOCABULARY)
def test_a_vocabulary_slug_is_read_only_once_the_row_exists(admin_client, model, slug):
    row = model.objects.get(slug=slug)
    name = model._meta.model_name
    change = admin_client.get(reverse(f"admin:exercises_{name}_change", args=[row.pk]))
    assert change.status_code == 200
    assert 'name="slug"' not in change.text
    assert slug in change.text
    add = admin_client.get(reverse(f"admin:exercises_{name}_add"))
    assert 'name="slug"' in add.text


def test_posting_a_new_slug_for_an_existing_pattern_leaves_it_unchanged(admin_client):
    hinge = MovementPattern.objects.get(slug="hinge")
    response = admin_client.post(
        reverse("admin:exercises_movementpattern_change", args=[hinge.pk]),
        {
            "slug": "hip-hinge",
            "name": "Hinge",
            "order": hinge.order,
            "role": MovementPattern.Role.HINGE,
            "description": hinge.description,
        },
    )
    assert response.status_code == 302
    hinge.refresh_from_db()
    assert (hinge.slug, hinge.name) == ("hinge", "Hinge")


def test_an_editor_can_say_which_kit_adds_load(admin_client):
    band = Equipment.objects.get(slug="resistance-band")
    response = admin_client.post(
        reverse("admin:exercises_equipment_change", args=[band.pk]),
        {"name": band.name, "order": band.order, "adds_load": "on"},
    )
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.adds_load
