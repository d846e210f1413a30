"""The system check fails once no starter template is the newsletter's gift."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from plans.models import Routine

pytestmark = pytest.mark.django_db


def test_the_shipped_content_passes_the_check():
    call_command("check", "--database", "default")


def test_a_newsletter_without_a_gift_template_fails_the_check():
    Routine.objects.filter(is_newsletter_gift=True).update(is_newsletter_gift=False)
    with pytest.raises(SystemCheckError, match=r"plans\.E001"):
        call_command("check", "--database", "default")
