from django import template

from exercises.models import library_vocabulary as vocabulary

register = template.Library()


@register.simple_tag
def library_vocabulary():
    """Patterns, focus areas, muscles and equipment as (slug, name) pairs, by kind."""
    return vocabulary()
