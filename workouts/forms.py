import uuid

from django import forms

from plans.loads import KG, LB, MAX_KG, from_kg, to_kg
from workouts.models import Feeling, LoggedSet, Side, Workout, WorkoutExercise

RESERVE_CHOICES = [("", "Not noted"), *[(n, str(n)) for n in range(5)], (5, "5 or more")]


def count_field(label: str, most: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=most,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class LogSetForm(forms.Form):
    """One set: prefilled with the plan, so "Done" as it stands logs it as planned."""

    set_id = forms.UUIDField(widget=forms.HiddenInput)
    number = forms.IntegerField(min_value=1, max_value=20, widget=forms.HiddenInput)
    side = forms.ChoiceField(label="Side", choices=Side.choices, required=False)
    reps = count_field("Reps", 200)
    hold_seconds = count_field("Hold (seconds)", 1800)
    load = forms.DecimalField(
        label="Load",
        min_value=0,
        max_digits=7,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    reps_in_reserve = forms.TypedChoiceField(
        label="Reps in reserve",
        choices=RESERVE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="How many more you could have done with good form.",
    )

    def __init__(self, *args, entry: WorkoutExercise, unit: str = KG, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry, self.unit = entry, unit
        self.fields["load"].label = f"Load ({LB if unit == LB else KG})"
        if entry.is_hold:
            del self.fields["reps"], self.fields["reps_in_reserve"]
        else:
            del self.fields["hold_seconds"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        if entry.per_side:
            self.fields["side"].choices = [(Side.LEFT, "Left"), (Side.RIGHT, "Right")]
            self.fields["side"].required = True
        else:
            self.fields["side"].choices = [(Side.BOTH, "Both sides")]
            self.fields["side"].widget = forms.HiddenInput()

    @classmethod
    def for_slot(cls, *, entry, number, side, logged: LoggedSet | None, unit: str):
        """The form of a set slot: the logged set, or the plan under a fresh id."""
        form = cls(entry=entry, unit=unit)
        if logged is not None:
            kg, source = logged.load_kg, logged
            initial = {"set_id": logged.uuid, "reps_in_reserve": logged.reps_in_reserve}
        else:
            kg = entry.load_kg if entry.load_kind == "weight" else None
            source, initial = None, {"set_id": uuid.uuid4()}
        form.initial = {
            **initial,
            "number": number,
            "side": side,
            "reps": source.reps if source else entry.top_reps,
            "hold_seconds": source.hold_seconds if source else entry.hold_seconds,
            "load": None if kg is None else from_kg(kg, unit).normalize(),
        }
        form.auto_id = f"id_set-{entry.pk}-{number}-{side or 'both'}_%s"
        return form

    def clean(self):
        cleaned = super().clean()
        amount = "hold_seconds" if self.entry.is_hold else "reps"
        if amount in self.fields and cleaned.get(amount) is None and amount not in self.errors:
            self.add_error(amount, "Say how many you did (0 if none).")
        if cleaned.get("load") is not None:
            cleaned["load_kg"] = to_kg(cleaned["load"], self.unit)
            if cleaned["load_kg"] > MAX_KG:
                self.add_error("load", "That is more than any set can carry.")
        else:
            cleaned["load_kg"] = None
        return cleaned

    def set_values(self) -> dict:
        """The cleaned set, as services.log_set takes it."""
        data = self.cleaned_data
        return {
            "set_id": data["set_id"],
            "number": data["number"],
            "side": data.get("side") or "",
            "reps": data.get("reps"),
            "hold_seconds": data.get("hold_seconds"),
            "load_kg": data["load_kg"],
            "reps_in_reserve": data.get("reps_in_reserve"),
        }


class FinishForm(forms.ModelForm):
    feeling = forms.TypedChoiceField(
        label="How did it feel?",
        choices=Feeling.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = Workout
        fields = ["feeling", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "class": "form-control"})}
        labels = {"note": "Note (optional)"}
