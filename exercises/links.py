"""QR codes of the site's own pages, for printed routines.

A sheet of paper cannot follow a relative link: core.http.site_url puts a
page on `SITE_URL`, the address a phone camera should open. QR codes are made
with segno; the same text always gives the same code, so each is made once
per process.
"""

import functools
import io

import segno

QR_ERROR_LEVEL = "m"  # survives a crease or a smudge on a gym-floor printout


def qr_code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error=QR_ERROR_LEVEL, boost_error=False)


@functools.lru_cache(maxsize=512)
def qr_png(text: str) -> bytes:
    """A black-on-white PNG, one module per 4 pixels, with the standard quiet zone."""
    buffer = io.BytesIO()
    qr_code(text).save(buffer, kind="png", scale=4, border=4)
    return buffer.getvalue()


@functools.lru_cache(maxsize=512)
def qr_svg_data_uri(text: str) -> str:
    """An SVG `data:` URI for an <img> (the CSP allows data: images, never inline SVG styles)."""
    return qr_code(text).svg_data_uri(scale=3, border=4, omitsize=False)
