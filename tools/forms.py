"""A page's form as a browser would submit it, read with the standard library's HTML parser."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, wanted: dict):
        super().__init__()
        self.wanted, self.fields, self.inside, self.done = wanted, [], False, False
        self.select = self.textarea = None
        self.first_option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done:
            self.inside = all(attrs.get(key) == value for key, value in self.wanted.items())
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((name, attrs.get("value", "on" if "checked" in attrs else "")))
        elif tag == "select" and name:
            self.select, self.first_option = (name, "multiple" in attrs), None
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in attrs:
                self.fields.append((self.select[0], value))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self.select:
            name, multiple = self.select
            if not multiple and self.first_option is not None and name not in dict(self.fields):
                self.fields.append((name, self.first_option))  # a browser sends the first
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_fields(html: str, **attributes: str) -> list[tuple[str, str]]:
    """(name, value) of every field the first form with these attributes (for example
    action="/path/" or id="…") would send, in order; repeated names for multiple choices."""
    parser = _Form(attributes)
    parser.feed(html)
    return parser.fields
