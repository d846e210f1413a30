import io

import pytest
from pypdf import PdfReader

from exercises.figures.svg import ACCENT
from plans.exports import describe, render_pdf
from plans.models import Routine
from tests.plans.factories import routine_with

pytestmark = pytest.mark.django_db

# fpdf2 draws an SVG as vector paths: the accent colour's stroke operator marks a figure.
ACCENT_STROKE = " ".join(
    f"{int(ACCENT[i : i + 2], 16) / 255:.4f}".rstrip("0").rstrip(".") for i in (1, 3, 5)
)


def content_of(pdf: bytes, page: int = 0) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[page].get_contents().get_data().decode("latin-1")


def test_pdf_shows_the_start_and_end_positions_beside_each_exercise(user):
    routine = routine_with(user, "glute-bridge", "push-up")
    sheet = describe(Routine.objects.with_contents().get(pk=routine.pk))
    rows = sheet.sessions[0].rows
    assert [len(row.figures) for row in rows] == [2, 2]
    assert "Glute bridge, bottom:" in rows[0].figures[0]
    assert "Glute bridge, top:" in rows[0].figures[1]
    pdf = render_pdf(sheet)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Start" in text
    assert "Glute bridge" in text
    assert f"{ACCENT_STROKE} RG" in content_of(pdf)


def test_pdf_of_exercises_without_figures_still_builds(user):
    routine = routine_with(user, "glute-bridge")
    sheet = describe(Routine.objects.with_contents().get(pk=routine.pk))
    plain = type(sheet.sessions[0].rows[0])(**{**vars(sheet.sessions[0].rows[0]), "figures": ()})
    sheet.sessions[0].rows[0] = plain
    pdf = render_pdf(sheet)
    assert "Glute bridge" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert f"{ACCENT_STROKE} RG" not in content_of(pdf)
