from django.urls import path

from offline import views

app_name = "offline"

# The worker and the manifest sit at the site root: a service worker controls
# only the pages under the folder it is served from.
urlpatterns = [
    path("sw.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline_page, name="offline-page"),
    path("offline/pages.json", views.pages_to_keep, name="pages"),
]
