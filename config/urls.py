from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Runner Strength administration"
admin.site.site_title = "Runner Strength admin"
admin.site.index_title = "Content and members"

urlpatterns = [
    path("", include("core.urls")),
    path("exercises/", include("exercises.urls")),
    path("plans/", include("plans.urls")),
    path("log/", include("workouts.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
