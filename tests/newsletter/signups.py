"""Helpers the newsletter tests share: signing up as a browser would, reading the e-mails."""

import re
from urllib.parse import urlsplit

from django.core.cache import cache
from django.urls import reverse

from plans.models import Routine

SIGNUP = reverse("newsletter:signup")
CHECK_INBOX = reverse("newsletter:check-inbox")


def sign_up(client, email="ann@example.com", **extra):
    data = {"email": email, "first_name": "Ann", "source": "/exercises/", "website": ""}
    return client.post(SIGNUP, {**data, **extra}, secure=True)


def links_in(message):
    return re.findall(r"https://testserver/newsletter/[^\s\"<>]+", message.body)


def path_of(url):
    return urlsplit(url).path


def minutes_later():
    """Past the per-address e-mail limit's shortest window (and every other counter)."""
    cache.clear()


def template_exercise_names():
    template = Routine.objects.newsletter_gift().get()
    return [item.exercise.name for s in template.sessions.all() for item in s.items.all()]
