import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "a-long-training-block-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose e-mail address is verified, so they can log in with the form."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"runner{n}@example.com")
    display_name = factory.Faker("first_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
