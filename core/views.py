"""Site-wide views: the home page, the health check, robots.txt and the error pages."""

from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core import sitemaps
from core.http import site_url
from core.pages import public_page
from core.structured_data import web_site


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "structured_data": web_site()}


home = public_page(HomeView.as_view())


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
Allow: /plans/build/how-it-works/
Allow: /newsletter/issues/
Disallow: /plans/
Disallow: /accounts/
Disallow: /newsletter/
Disallow: /admin/

Sitemap: {sitemap}
"""


@public_page
def robots_txt(request):
    """Crawlers may read the library, the starter templates, how plans are built and the
    newsletter archive, nothing personal (shared routines and calendar feeds live under
    /plans/); the sitemap on SITE_URL. Allow lines come first: some parsers take the first
    rule that matches, others the longest."""
    text = ROBOTS.format(sitemap=site_url(reverse("core:sitemap")))
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@public_page
def sitemap_xml(request):
    """Django's sitemap view over every app's registered sitemaps (core.sitemaps)."""
    return sitemap_views.sitemap(request, sitemaps=sitemaps.SITEMAPS)


def csrf_failure(request, reason=""):
    """Django's CSRF rejection, in the site's layout (the usual cause: an expired form)."""
    return render(request, "403_csrf.html", status=403)
