from django import template

from core.http import site_url
from exercises.links import qr_svg_data_uri

register = template.Library()


@register.filter
def qr_data_uri(exercise) -> str:
    """A QR code of the exercise's page, for print, as an <img src>."""
    return qr_svg_data_uri(site_url(exercise.get_absolute_url()))
