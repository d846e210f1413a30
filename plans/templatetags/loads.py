from django import template

from plans.loads import KG, load_text, weight_text

register = template.Library()


def unit_of(user) -> str:
    """The runner's unit; kg for a visitor, who has none."""
    return getattr(user, "weight_unit", KG)


@register.filter
def load_for(planned, user) -> str:
    """`{{ item|load_for:user }}`: a planned load in the runner's unit."""
    return load_text(planned, unit_of(user))


@register.filter
def weight_for(kg, user) -> str:
    """`{{ logged.load_kg|weight_for:user }}`: "16 kg", "35.3 lb"; empty for none."""
    return "" if kg is None else weight_text(kg, unit_of(user))
