"""Site-wide pages: home, health check, robots.txt and the error pages."""

import pytest
from django.db import connections
from django.urls import reverse

from core import views


@pytest.mark.django_db
def test_home_page_explains_and_invites(client):
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "What strength work does for a runner" in html
    assert 'href="#main"' in html, "skip link"
    assert 'id="main"' in html, "skip link target"
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html


@pytest.mark.django_db
def test_healthz_answers_ok_after_a_database_round_trip(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_with_a_reason_when_the_database_is_unreachable(client, monkeypatch):
    default = connections["default"]
    unreachable = {**default.settings_dict}
    if default.vendor == "sqlite":
        unreachable["NAME"] = "/nonexistent-directory/runner-strength.sqlite3"
    else:
        unreachable.update(HOST="127.0.0.1", PORT="1")
    broken = default.__class__(unreachable, alias="unreachable")
    monkeypatch.setattr(views, "connection", broken)
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "reason": "database unavailable"}


@pytest.mark.django_db
def test_404_page_uses_the_site_layout(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "Skip to main content" in html
    assert "Runner Strength" in html


@pytest.mark.django_db
def test_a_forged_host_header_gets_the_400_page_not_a_500(client):
    """The 400 page renders before the authentication middleware has run."""
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert "Runner Strength" in response.text


def test_robots_txt_opens_the_library_and_closes_personal_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    rules = response.text.splitlines()
    assert "Disallow: /plans/" in rules
    assert "Allow: /plans/templates/" in rules
    assert not any(rule.startswith("Disallow: /exercises") for rule in rules)
