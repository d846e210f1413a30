"""Loads: stored in kg, shown in the runner's unit, parsed from what a runner writes."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.loads import KG, LB, LoadKind, from_kg, load_text, parse_load, to_kg, weight_text
from plans.models import RoutineItem

# What a runner types: up to 999 kg or 2000 lb, to a tenth (a plate or a microplate).
tenths = st.integers(0, 20_000).map(lambda n: Decimal(n) / 10)


@given(pounds=tenths)
def test_a_weight_typed_in_pounds_shows_the_same_in_pounds(pounds):
    assert from_kg(to_kg(pounds, LB), LB) == pounds


@given(kilos=st.integers(0, 99_900).map(lambda n: Decimal(n) / 100))
def test_a_weight_typed_in_kilograms_is_stored_exactly(kilos):
    assert to_kg(kilos, KG) == kilos


@given(pounds=tenths, times=st.integers(1, 20))
def test_saving_what_the_page_shows_again_and_again_never_drifts(pounds, times):
    stored = to_kg(pounds, LB)
    for _ in range(times):
        stored = to_kg(from_kg(stored, LB), LB)
    assert stored == to_kg(pounds, LB)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("16 kg", None, {"load_kind": LoadKind.WEIGHT, "load_kg": Decimal("16.000")}),
        ("22,5kg", None, {"load_kind": LoadKind.WEIGHT, "load_kg": Decimal("22.500")}),
        ("35 lb", None, {"load_kind": LoadKind.WEIGHT, "load_kg": Decimal("15.876")}),
        ("20", LB, {"load_kind": LoadKind.WEIGHT, "load_kg": Decimal("9.072")}),
        ("20", None, {"load_note": "20"}),
        ("Bodyweight", None, {"load_kind": LoadKind.BODYWEIGHT}),
        ("BW", None, {"load_kind": LoadKind.BODYWEIGHT}),
        ("Red band", None, {"load_kind": LoadKind.BAND, "band": "red"}),
        ("band: light green", None, {"load_kind": LoadKind.BAND, "band": "light green"}),
        ("2 × 16 kg", KG, {"load_note": "2 × 16 kg"}),
        ("RPE 7", KG, {"load_note": "RPE 7"}),
        ("", KG, {}),
    ],
)
def test_what_a_runner_writes_is_structured_or_kept_as_a_note(text, unit, expected):
    empty = {"load_kind": LoadKind.NONE, "load_kg": None, "band": "", "load_note": ""}
    assert parse_load(text, unit=unit) == {**empty, **expected}


def test_a_load_reads_in_the_runners_unit():
    item = RoutineItem(load_kind=LoadKind.WEIGHT, load_kg=Decimal("20"))
    assert (load_text(item, KG), load_text(item, LB)) == ("20 kg", "44.1 lb")
    assert weight_text(Decimal("22.500"), KG) == "22.5 kg"
    band = RoutineItem(load_kind=LoadKind.BAND, band="red", load_kg=None)
    assert band.load_text() == "Red band"
