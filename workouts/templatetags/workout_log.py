from django import template

from plans.loads import weight_text
from plans.templatetags.loads import unit_of

register = template.Library()


@register.filter
def set_text(logged, user) -> str:
    """A logged set as the runner reads it: "10 reps · 16 kg · 2 in reserve", "30 s"."""
    if logged.hold_seconds is not None:
        parts = [f"{logged.hold_seconds} s"]
    else:
        parts = [f"{logged.reps} reps"]
    if logged.load_kg:
        parts.append(weight_text(logged.load_kg, unit_of(user)))
    if logged.reps_in_reserve is not None:
        parts.append(f"{logged.reps_in_reserve} in reserve")
    return " · ".join(parts)
