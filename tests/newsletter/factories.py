import factory
from django.utils import timezone

from newsletter import services
from newsletter.models import Issue, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A subscriber who confirmed: one an issue goes to."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    first_name = "Ann"
    status = Subscriber.Status.CONFIRMED
    consent_text = services.CONSENT_TEXT
    consent_version = services.CONSENT_VERSION
    consent_page = "/newsletter/"
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    subject = factory.Sequence(lambda n: f"Week {n}: single-leg strength")
    preheader = "Three moves for stronger hills"
    body = "Hello.\n\n- Split squat: 3 × 8 a side\n- [Step-up](https://example.com/step-up)\n"
