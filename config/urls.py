from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Runner Strength administration"
admin.site.site_title = "Runner Strength admin"
admin.site.index_title = "Content and members"
# One login for the whole site: /admin/login/ sends a visitor to allauth's, so its rate
# limits and lockouts apply to staff too; a signed-in member who is not staff gets a 403.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("core.urls")),
    path("", include("offline.urls")),
    path("exercises/", include("exercises.urls")),
    path("plans/", include("plans.urls")),
    path("log/", include("workouts.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
