"""Tags for what search engines and link previews read: absolute URLs and JSON-LD.

JSON-LD goes in `<script type="application/ld+json">`: a data block, which the HTML
standard never runs, so the CSP's script-src (which governs scripts that run) does not
apply and no nonce is needed; a nonce would also make every public page differ per
request, and so uncacheable. What matters is that the data cannot close the element:
`<`, `>` and `&` are written as JSON escapes, as Django's json_script does.
"""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.http import site_url

register = template.Library()

JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def absolute(path: str) -> str:
    """`{{ obj.get_absolute_url|absolute }}`: the path on SITE_URL."""
    return site_url(str(path))


@register.filter
def webcal(url: str) -> str:
    """An https address as the webcal: one calendar apps subscribe to."""
    return "webcal://" + str(url).split("://", 1)[-1]


def json_ld_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_ESCAPES)


@register.simple_tag
def json_ld(data: dict):
    """`{% json_ld data %}`: one schema.org object as a JSON-LD data block."""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json_ld_text(data)),  # noqa: S308 (<, > and & are escaped: it cannot close the element)
    )
