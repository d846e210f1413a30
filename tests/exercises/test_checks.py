"""The system check names a slug the code links to once no row has it."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from exercises.models import FocusArea

pytestmark = pytest.mark.django_db


def test_the_shipped_content_passes_the_database_checks():
    call_command("check", "--database", "default")


def test_renaming_the_warm_up_focus_area_fails_the_check_with_the_template_named():
    FocusArea.objects.filter(slug="warmup").update(slug="warm-ups")
    with pytest.raises(SystemCheckError) as failure:
        call_command("check", "--database", "default")
    message = str(failure.value)
    assert "exercises.E001" in message
    assert "“warmup”" in message
    assert "templates/partials/footer.html" in message


def test_the_check_without_a_database_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        call_command("check")
