"""Text that members and editors wrote, made safe to put in a spreadsheet cell."""

# OWASP's CSV-injection advice: a cell starting with one of these is read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_text(value: str) -> str:
    """`value` as a spreadsheet shows it, never run: a leading formula character gets a quote."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
