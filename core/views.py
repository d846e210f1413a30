"""Site-wide views: the home page, the health check, robots.txt and the error pages."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.pages import public_page

home = public_page(TemplateView.as_view(template_name="core/home.html"))


@never_cache
def healthz(request):
    """One trivial database round trip: 200 when it answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "reason": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


ROBOTS = """User-agent: *
Allow: /plans/templates/
Disallow: /plans/
Disallow: /accounts/
Disallow: /newsletter/
Disallow: /admin/
"""


@public_page
def robots_txt(request):
    """Crawlers may read the library and the starter templates, nothing personal."""
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """Django's CSRF rejection, in the site's layout (the usual cause: an expired form)."""
    return render(request, "403_csrf.html", status=403)
