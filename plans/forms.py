import re

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms

from plans import builder
from plans.loads import KG, parse_load
from plans.models import Routine, RoutineItem, Session
from plans.services import DOWN, UP

WEEKDAY_CHOICES = list(enumerate(builder.WEEKDAYS))

REPS = re.compile(r"\s*(\d{1,3})\s*(?:[-–—]|to)?\s*(\d{1,3})?\s*")


class RoutineForm(forms.ModelForm):
    class Meta:
        model = Routine
        fields = [
            "name",
            "focus",
            "sessions_per_week",
            "notes",
            "in_calendar",
            "session_time",
            "starts_on",
            "weeks",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "session_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"name": "Routine name"}
        help_texts = {"sessions_per_week": "How many times a week you will do a session (1–7)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session_time"].required = False

    def clean_session_time(self):
        """Left empty: the time it had (a new routine: the model's default)."""
        value = self.cleaned_data["session_time"]
        if value is None:
            return self.instance.session_time
        return value


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["name", "weekday"]
        labels = {"name": "Session name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = f"id_session-{self.instance.pk}_%s"


class ItemForm(forms.ModelForm):
    """The dose: reps as a number or a range ("8" or "8-10"), or a hold in seconds."""

    sets = forms.IntegerField(
        label="Sets",
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    reps = forms.CharField(
        label="Reps",
        required=False,
        max_length=10,
        help_text="A number or a range, like 8 or 8-10. Leave empty for a hold.",
    )
    hold_seconds = forms.IntegerField(
        label="Hold (seconds)",
        required=False,
        min_value=5,
        max_value=600,
        help_text="For holds and timed drills, 5 to 600 seconds. Leave empty for reps.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    rest_seconds = forms.IntegerField(
        label="Rest (seconds)",
        min_value=0,
        max_value=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    load = forms.CharField(
        label="Load",
        required=False,
        max_length=60,
        help_text="A weight (16 kg, 35 lb; a bare number is in your unit), bodyweight, "
        "a band colour (red band), or anything else as a note.",
    )

    class Meta:
        model = RoutineItem
        fields = ["sets", "reps", "hold_seconds", "per_side", "load", "rest_seconds", "notes"]

    def __init__(self, *args, unit: str = KG, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        if self.instance.pk and not self.instance.is_hold:
            self.initial.setdefault("reps", self.instance.reps_text.replace("–", "-"))
        if self.instance.pk:
            self.initial.setdefault("load", self.instance.load_text(unit))
        self.auto_id = f"id_item-{self.instance.pk}_%s"

    def clean_load(self):
        """Structured (weight, bodyweight, band) when it reads as one, else kept as a note."""
        fields = parse_load(self.cleaned_data["load"], unit=self.unit)
        for name, value in fields.items():
            setattr(self.instance, name, value)
        return self.cleaned_data["load"]

    def clean_reps(self):
        text = self.cleaned_data["reps"].strip()
        if not text:
            return None
        match = REPS.fullmatch(text)
        if not match:
            raise forms.ValidationError("Write reps as a number, like 8, or a range, like 8-10.")
        low, high = int(match[1]), int(match[2]) if match[2] else None
        if not 1 <= low <= 100 or (high is not None and not 1 <= high <= 100):
            raise forms.ValidationError("Reps must be between 1 and 100.")
        if high is not None and high < low:
            raise forms.ValidationError("Put the smaller number first, like 8-10.")
        return low, (high if high != low else None)

    def clean(self):
        cleaned = super().clean()
        reps, hold = cleaned.get("reps"), cleaned.get("hold_seconds")
        if "reps" in self.errors or "hold_seconds" in self.errors:
            return cleaned
        if reps is None and hold is None:
            raise forms.ValidationError("Give either reps or a hold time.")
        if reps is not None and hold is not None:
            raise forms.ValidationError("Give either reps or a hold time, not both.")
        self.instance.reps_min, self.instance.reps_max = reps or (None, None)
        return cleaned


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[(UP, "Up"), (DOWN, "Down")])


class PickerForm(forms.Form):
    q = forms.CharField(
        label="Find an exercise",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class AddExerciseForm(forms.Form):
    """Add a library exercise to one of the user's sessions."""

    session = forms.ModelChoiceField(queryset=Session.objects.none(), label="Add it to")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = Session.objects.filter(
            routine__owner=user, routine__is_template=False
        ).select_related("routine")
        self.fields["session"].queryset = sessions.order_by("-routine__created", "order")
        self.fields["session"].label_from_instance = lambda s: f"{s.routine.name}: {s.name}"


class PlanBuilderForm(forms.Form):
    """The plan builder's questions (GET, so a plan is a shareable link)."""

    running_days = forms.TypedMultipleChoiceField(
        label="Days you run",
        coerce=int,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    hard_days = forms.TypedMultipleChoiceField(
        label="Hard sessions (intervals, tempo)",
        coerce=int,
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    long_run_day = forms.TypedChoiceField(
        label="Long run",
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "No long run"), *WEEKDAY_CHOICES],
    )
    phase = forms.ChoiceField(label="Where you are in the season", choices=builder.Phase.choices)
    experience = forms.ChoiceField(
        label="Lifting experience",
        choices=builder.Experience.choices,
        initial="some",
        widget=forms.RadioSelect,
    )
    equipment = forms.MultipleChoiceField(
        label="Equipment you have",
        required=False,
        help_text="Tick nothing for bodyweight only.",
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.IntegerField(
        label="Minutes per session", min_value=15, max_value=60, initial=30
    )
    sessions_per_week = forms.TypedChoiceField(
        label="Strength sessions a week",
        coerce=int,
        choices=[(1, "1"), (2, "2 (suggested)"), (3, "3")],
        initial=2,
        widget=forms.RadioSelect,
    )
    focus = forms.ChoiceField(
        label="Focus", choices=[(focus.value, focus.label) for focus in builder.PLAN_FOCUSES]
    )
    weeks = forms.IntegerField(label="Plan length (weeks)", min_value=4, max_value=16, initial=8)
    race_date = forms.DateField(
        label="Race date (optional)",
        required=False,
        help_text="With a date, the plan runs to race week and ends in a taper; a taper needs one.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, equipment_choices, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["equipment"].choices = equipment_choices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # a GET form: a token would end up in the URL
        self.helper.layout = Layout(
            InlineCheckboxes("running_days"),
            InlineCheckboxes("hard_days"),
            "long_run_day",
            "phase",
            InlineRadios("experience"),
            InlineCheckboxes("equipment"),
            "minutes",
            InlineRadios("sessions_per_week"),
            "focus",
            "weeks",
            "race_date",
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        request = self.plan_request(cleaned, today=self.today)
        race_problem = builder.race_date_problem(request)
        if race_problem:
            self.add_error("race_date", race_problem)
        for message in builder.validate(request):
            if message != race_problem:
                self.add_error(None, message)
        cleaned["plan_request"] = request
        return cleaned

    @staticmethod
    def plan_request(data, *, today) -> "builder.PlanRequest":
        return builder.PlanRequest(
            running_days=data["running_days"],
            hard_days=data["hard_days"],
            long_run_day=data["long_run_day"],
            phase=data["phase"],
            experience=data["experience"],
            equipment=data["equipment"],
            minutes=data["minutes"],
            sessions_per_week=data["sessions_per_week"],
            focus=data["focus"],
            weeks=data["weeks"],
            race_date=data.get("race_date"),
            start_date=today,
        )


class ShareForm(forms.Form):
    include_notes = forms.BooleanField(
        label="Include notes",
        required=False,
        help_text="Show your notes on the routine and its exercises to whoever has the link.",
    )
