"""The system check names a starter template the code links to once no template has its slug."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from plans.models import Routine

pytestmark = pytest.mark.django_db


def test_renaming_a_linked_starter_template_fails_the_check():
    Routine.objects.filter(slug="runners-strength-template").update(slug="strength-template")
    with pytest.raises(SystemCheckError, match=r"plans\.E001"):
        call_command("check", "--database", "default")
