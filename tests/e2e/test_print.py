"""Printing a routine: each exercise gets a QR code back to its page and video."""

import io

import zxingcpp
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from plans.models import Routine


def test_a_printed_template_has_a_qr_code_per_exercise_that_opens_its_page(site_url, page):
    template = Routine.objects.templates().get(slug="runners-strength-template")
    exercises = [item.exercise for s in template.sessions.all() for item in s.items.all()]
    page.goto(site_url + template.get_absolute_url())
    codes = page.locator("img.routine-qr")
    expect(codes.first).to_be_hidden()

    page.emulate_media(media="print")
    expect(codes).to_have_count(len(exercises))
    expect(codes.first).to_be_visible()
    picture = Image.open(io.BytesIO(codes.first.screenshot(scale="device")))
    read = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in read] == [settings.SITE_URL + exercises[0].get_absolute_url()]
