"""The installable app: manifest, service worker, offline page and the list of pages to keep.

The service worker's code is static (static/js/sw/); the script served at
/sw.js only names this deployment's version and the hashed files to load, so
every deployment (new static files, hence a new staticfiles manifest) is a
new worker that installs its own caches and deletes the old ones.
"""

import hashlib
import json

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from core.pages import public_page
from offline import pages

# The app shell: kept at install, so that every cached page still has its looks.
SHELL_STATIC = [
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/htmx/htmx.min.js",
    "css/site.css",
    "js/offline.js",
    "js/workout.js",
    "js/sw/queue.js",
    "img/favicon.svg",
    "img/icon-192.png",
]
WORKER_SCRIPTS = ["js/sw/rules.js", "js/sw/queue.js", "js/sw/worker.js"]
THEME = "#0b5d4b"


def deployment_version() -> str:
    """The staticfiles manifest's hash: it changes with any static file. Without a
    manifest (DEBUG serves unhashed files), the hash of the worker's own URLs."""
    version = getattr(staticfiles_storage, "manifest_hash", "")
    if version:
        return version
    names = "|".join(static(name) for name in SHELL_STATIC + WORKER_SCRIPTS)
    return hashlib.sha256(names.encode()).hexdigest()[:12]


def folder_of(url_name: str) -> str:
    """The top folder a named URL lives in: /accounts/ for the login page."""
    return "/" + reverse(url_name).strip("/").split("/")[0] + "/"


@require_GET
@never_cache  # browsers check for a new worker on every navigation; it must be fresh
def service_worker(request):
    config = {
        "version": deployment_version(),
        "staticPrefix": staticfiles_storage.base_url,
        "shell": [static(name) for name in SHELL_STATIC]
        + [reverse("offline:manifest"), reverse("offline:offline-page")],
        "offlinePage": reverse("offline:offline-page"),
        "pagesList": reverse("offline:pages"),
        # Never cached: sign-in and account pages, the admin, this worker, the list.
        "skip": [
            reverse("offline:service-worker"),
            reverse("offline:pages"),
            folder_of("account_login"),
            folder_of("admin:index"),
        ],
    }
    response = render(
        request,
        "offline/service-worker.js",
        {
            "config": json.dumps(config),
            "scripts": ", ".join(json.dumps(static(name)) for name in WORKER_SCRIPTS),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@public_page
def manifest(request):
    data = {
        "name": "Runner Strength",
        "short_name": "Strength",
        "description": "Strength routines for runners, with a workout log that works offline.",
        "id": reverse("core:home"),
        "start_url": reverse("core:home"),
        "scope": reverse("core:home"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_GET
@public_page
def offline_page(request):
    """Shown by the service worker for a page it has no copy of; the same for everyone."""
    return render(request, "offline/offline.html")


@require_GET
@cache_control(private=True, no_store=True)  # one runner's list: never kept anywhere
def pages_to_keep(request):
    return JsonResponse(
        {"owner": pages.owner_key(request.user), "urls": pages.urls_for(request.user)}
    )
