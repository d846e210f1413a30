from django.contrib import admin
from django.urls import include, path

from config import views

admin.site.site_header = "Runner Strength administration"
admin.site.site_title = "Runner Strength admin"
admin.site.index_title = "Content and members"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("exercises/", include("exercises.urls")),
    path("plans/", include("plans.urls")),
    path("log/", include("workouts.urls")),
    path("newsletter/", include("accounts.newsletter_urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
