"""The signup form: the first name cannot carry a link or a message to a stranger's inbox."""

import pytest

from newsletter.forms import NewsletterForm


def form(first_name):
    return NewsletterForm({"email": "ann@example.com", "first_name": first_name})


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Ann", "Ann"),
        ("  Mary   Jane ", "Mary Jane"),
        ("Zoë-Ann O'Neil", "Zoë-Ann O'Neil"),
        ("Łukasz", "Łukasz"),
        ("Ελένη", "Ελένη"),
        ("Алёна", "Алёна"),
        ("अनीता", "अनीता"),
        ("美咲", "美咲"),
        ("", ""),
    ],
)
def test_names_in_any_script_are_kept(typed, kept):
    bound = form(typed)
    assert bound.is_valid()
    assert bound.cleaned_data["first_name"] == kept


@pytest.mark.parametrize(
    "typed",
    [
        "http://spam.example",
        "spam.example",
        "Ann <b>",
        "Win 1000 euros",
        "Ann: click here",
        "Ann/Bob",
        "a" * 61,
        "Ann\u200b",
    ],
)
def test_anything_but_a_name_is_refused_next_to_the_field(typed):
    bound = form(typed)
    assert not bound.is_valid()
    assert bound.errors["first_name"]
