"""Loads: kilograms in the database, the runner's unit on the page.

A planned load is structured (a weight, bodyweight or a band colour) so that a
logged set can be prefilled and compared; whatever a runner wrote that does not
read as one of those is kept word for word as a note.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

KG, LB = "kg", "lb"
KG_PER_LB = Decimal("0.45359237")  # the international pound, exactly
# Stored to the gram: fine enough that a weight typed in pounds (to 0.1 lb) comes back the same.
STORED = Decimal("0.001")
SHOWN = Decimal("0.1")
MAX_KG = Decimal("999")


class LoadKind(models.TextChoices):
    NONE = "", "No load set"
    WEIGHT = "weight", "Weight"
    BODYWEIGHT = "bodyweight", "Bodyweight"
    BAND = "band", "Band"


def to_kg(amount: Decimal, unit: str) -> Decimal:
    """A weight typed in `unit`, as stored."""
    kg = amount * KG_PER_LB if unit == LB else amount
    return kg.quantize(STORED, rounding=ROUND_HALF_UP)


def from_kg(kg: Decimal, unit: str) -> Decimal:
    """A stored weight in `unit`, to a tenth (what a plate or a dumbbell rack can tell apart)."""
    amount = kg / KG_PER_LB if unit == LB else kg
    return amount.quantize(SHOWN, rounding=ROUND_HALF_UP)


def weight_text(kg: Decimal, unit: str) -> str:
    """ "16 kg", "22.5 kg", "35.3 lb": no trailing zeros."""
    amount = from_kg(kg, unit).normalize()
    return f"{amount:f} {unit if unit == LB else KG}"


WEIGHT = re.compile(
    r"(?P<amount>\d{1,4}(?:[.,]\d{1,3})?)\s*(?P<unit>kgs?|kilos?|kilograms?|lbs?|pounds?)?",
    re.IGNORECASE,
)
BODYWEIGHT = re.compile(r"body\s?weight|bw|own weight", re.IGNORECASE)
BAND = re.compile(
    r"(?P<before>[a-z]+(?:[ -][a-z]+)?)\s+band|band\s*[:,-]?\s*(?P<after>[a-z]+(?:[ -][a-z]+)?)",
    re.IGNORECASE,
)


def parse_load(text: str, *, unit: str | None) -> dict:
    """RoutineItem load fields from what a runner wrote: "16 kg", "35 lb", "bodyweight",
    "red band". A bare number is in `unit`; with `unit=None` (old free text, where
    nobody can tell) it stays a note, like anything else that does not parse."""
    text = text.strip()
    fields = {"load_kind": LoadKind.NONE, "load_kg": None, "band": "", "load_note": ""}
    if not text:
        return fields
    if BODYWEIGHT.fullmatch(text):
        return {**fields, "load_kind": LoadKind.BODYWEIGHT}
    if band := BAND.fullmatch(text):
        colour = (band["before"] or band["after"]).lower()
        return {**fields, "load_kind": LoadKind.BAND, "band": colour}
    weight = WEIGHT.fullmatch(text)
    written_unit = weight and weight["unit"] and (LB if weight["unit"][0] in "lpLP" else KG)
    if weight and (written_unit or unit):
        kg = to_kg(Decimal(weight["amount"].replace(",", ".")), written_unit or unit)
        if kg <= MAX_KG:
            return {**fields, "load_kind": LoadKind.WEIGHT, "load_kg": kg}
    return {**fields, "load_note": text}


class PlannedLoad(models.Model):
    """The load of a planned exercise: a weight, bodyweight, a band, or only a note."""

    load_kind = models.CharField("load", max_length=10, choices=LoadKind, blank=True)
    load_kg = models.DecimalField(
        "weight (kg)", max_digits=7, decimal_places=3, null=True, blank=True
    )
    band = models.CharField("band colour", max_length=30, blank=True)
    load_note = models.CharField(
        max_length=60, blank=True, help_text="Anything else: 2 × 16 kg, RPE 7, light dumbbell…"
    )

    class Meta:
        abstract = True

    def load_text(self, unit: str = KG) -> str:
        return load_text(self, unit)


def load_text(planned, unit: str = KG) -> str:
    """A planned load (anything with the PlannedLoad fields) as the runner reads it, in their
    unit; empty when none is set."""
    main = ""
    if planned.load_kind == LoadKind.WEIGHT and planned.load_kg is not None:
        main = weight_text(planned.load_kg, unit)
    elif planned.load_kind == LoadKind.BODYWEIGHT:
        main = "Bodyweight"
    elif planned.load_kind == LoadKind.BAND and planned.band:
        main = f"{planned.band.capitalize()} band"
    return " · ".join(part for part in (main, planned.load_note) if part)


LOAD_FIELDS = ("load_kind", "load_kg", "band", "load_note")
