from django import forms

from exercises.models import BODYWEIGHT, Exercise


class ExerciseFilterForm(forms.Form):
    """The library's filters, as GET parameters: AND across fields, OR within one."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        help_text="Names, other names (like RDL), muscles or equipment; typos are fine.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    problem = forms.MultipleChoiceField(
        label="Problem", required=False, widget=forms.CheckboxSelectMultiple
    )
    pattern = forms.MultipleChoiceField(
        label="Movement pattern", required=False, widget=forms.CheckboxSelectMultiple
    )
    focus = forms.MultipleChoiceField(
        label="Body area", required=False, widget=forms.CheckboxSelectMultiple
    )
    equipment = forms.MultipleChoiceField(
        label="Equipment", required=False, widget=forms.CheckboxSelectMultiple
    )
    level = forms.MultipleChoiceField(
        label="Level",
        required=False,
        choices=Exercise.Level.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    muscle = forms.MultipleChoiceField(
        label="Muscle", required=False, widget=forms.CheckboxSelectMultiple
    )
    single_leg = forms.BooleanField(label="Single-leg or single-arm only", required=False)

    def __init__(self, *args, vocabulary, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pattern"].choices = vocabulary["pattern"]
        self.fields["focus"].choices = vocabulary["focus"]
        self.fields["muscle"].choices = vocabulary["muscle"]
        self.fields["problem"].choices = vocabulary["problem"]
        self.fields["equipment"].choices = [
            (BODYWEIGHT, "None (bodyweight)"),
            *vocabulary["equipment"],
        ]

    def filters(self) -> dict:
        """Keyword arguments for `Exercise.objects.filtered`, from the fields that are valid."""
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "patterns": data.get("pattern", []),
            "focus": data.get("focus", []),
            "muscles": data.get("muscle", []),
            "equipment": data.get("equipment", []),
            "levels": data.get("level", []),
            "problems": data.get("problem", []),
            "unilateral_only": data.get("single_leg", False),
        }

    @property
    def is_filtering(self) -> bool:
        return any(self.filters().values())
