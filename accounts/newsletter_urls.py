from django.urls import path

from accounts import views

app_name = "newsletter"

urlpatterns = [
    path("", views.newsletter_signup, name="signup"),
    path("check-your-inbox/", views.newsletter_check_inbox, name="check-inbox"),
    path("confirm/<str:token>/", views.newsletter_confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.newsletter_unsubscribe, name="unsubscribe"),
    *[
        path(
            f"template/<str:token>.{extension}",
            views.newsletter_template,
            {"extension": extension},
            name=f"template-{extension}",
        )
        for extension in ("pdf", "xlsx")
    ],
]
