import io
import re

import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from plans.models import Routine
from tests.plans.factories import routine_with

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
    assert codes[0] == "https://runnerstrength.example" + first.get_absolute_url()


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
