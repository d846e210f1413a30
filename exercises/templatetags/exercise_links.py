from django import template

from exercises.links import absolute_url, qr_svg_data_uri

register = template.Library()


@register.filter
def qr_data_uri(exercise) -> str:
    """A QR code of the exercise's page, for print, as an <img src>."""
    return qr_svg_data_uri(absolute_url(exercise.get_absolute_url()))
