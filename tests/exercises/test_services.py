import pytest

from exercises import services
from exercises.models import Exercise, Muscle, SearchTerm

pytestmark = pytest.mark.django_db


def found(query):
    return list(Exercise.objects.filtered(query=query).values_list("slug", flat=True))


def test_reindex_makes_a_renamed_muscle_searchable_by_its_new_name():
    adductors = Muscle.objects.get(slug="adductors")
    adductors.name = "Groin muscles"
    adductors.save()
    assert "copenhagen-plank" not in found("groin")
    services.reindex(exercises=adductors.exercises.all())
    assert "copenhagen-plank" in found("groin")
    assert SearchTerm.objects.filter(term="groin").exists()


def test_reindex_picks_up_an_other_name_an_editor_added():
    plank = Exercise.objects.get(slug="plank")
    plank.aliases += ", Elbow hover"
    plank.save()
    services.reindex(exercises=Exercise.objects.filter(pk=plank.pk))
    assert found("elbow hovers") == ["plank"]
