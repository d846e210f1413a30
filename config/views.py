"""Site-wide views: the home page, the health check and the CSRF failure page."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from accounts.forms import NewsletterForm
from config.pagecache import public_page
from exercises.models import library_vocabulary


@method_decorator(public_page, name="dispatch")
class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        vocabulary = library_vocabulary()
        return super().get_context_data(
            patterns=vocabulary["pattern"],
            focus_areas=vocabulary["focus"],
            newsletter_form=NewsletterForm.for_request(self.request, auto_id="home-newsletter-%s"),
            **kwargs,
        )


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


def robots_txt(request):
    """Crawlers may read the library and the starter templates, nothing personal."""
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """Django's CSRF rejection, in the site's layout (the usual cause: an expired form)."""
    return render(request, "403_csrf.html", status=403)
