import base64
import re

import pytest
from django.core.management import call_command

from exercises.models import Exercise

pytestmark = pytest.mark.django_db


def test_contact_sheet_has_every_exercise_with_its_figures(tmp_path):
    sheet = tmp_path / "sheet.html"
    call_command("figure_sheet", str(sheet))
    html = sheet.read_text()
    for name in Exercise.objects.values_list("name", flat=True):
        assert f"<th>{name}</th>".replace("'", "&#x27;") in html
    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    frames = sum(len(e.figure.pose["frame"]) + 1 for e in Exercise.objects.all())
    assert len(images) == frames
    assert base64.b64decode(images[0]).startswith(b"<svg ")


def test_contact_sheet_can_preview_the_content_file(tmp_path):
    sheet = tmp_path / "sheet.html"
    call_command("figure_sheet", str(sheet), "--content")
    assert "<th>Glute bridge</th>" in sheet.read_text()
