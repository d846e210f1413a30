from django import template

from newsletter.forms import NewsletterForm
from newsletter.services import CONSENT_TEXT

register = template.Library()


@register.inclusion_tag("newsletter/signup.html#signup", takes_context=True)
def newsletter_signup_form(context, place: str):
    """The signup form, with field ids of its own so that it can sit beside the footer's."""
    form = NewsletterForm.for_request(context["request"], auto_id=f"{place}-newsletter-%s")
    return {"form": form, "consent_text": CONSENT_TEXT}
