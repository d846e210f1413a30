"""An issue's Markdown, as the HTML and the plain text its e-mail and archive page show.

Python-Markdown turns the body into HTML, passing any raw HTML the writer typed
straight through; nh3 then keeps only the tags and attributes listed here. So a
``<script>`` goes with its content, an ``onclick=`` or ``style=`` attribute
goes, and a link keeps its ``href`` only for http, https and mailto: no
``javascript:`` URL survives. Images are left out too: a remote image in an
e-mail tells its sender who opened it.
"""

from html import unescape
from html.parser import HTMLParser

import markdown
import nh3

TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "pre", "ul", "ol", "hr"}


def to_html(body: str) -> str:
    """The body's Markdown as sanitised HTML, safe to mark safe in a template."""
    html = markdown.markdown(body, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


class _Text(HTMLParser):
    """Plain text from the sanitised HTML: blank lines between blocks, "- " before list
    items, a link's address after its words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href = ""

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n\n")
        if tag == "li":
            self.parts.append("\n- ")
        if tag == "a":
            self.href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            self.parts.append(f" ({self.href})")
            self.href = ""

    def handle_data(self, data):
        if data.strip() or "\n" not in data:  # not the line breaks between tags
            self.parts.append(data)


def to_text(body: str) -> str:
    """The body as the e-mail's plain-text part, from the same sanitised HTML."""
    parser = _Text()
    parser.feed(to_html(body))
    parser.close()
    lines = "".join(parser.parts).strip().splitlines()
    text = "\n".join(line.rstrip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return unescape(text)
