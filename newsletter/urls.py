from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("check-your-inbox/", views.check_inbox, name="check-inbox"),
    path("issues/", views.issue_list, name="issue-list"),
    path("issues/<int:pk>/", views.issue_detail, name="issue"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirmed/<str:token>/", views.confirmed, name="confirmed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    *[
        path(
            f"template/<str:token>.{extension}",
            views.template_download,
            {"extension": extension},
            name=f"template-{extension}",
        )
        for extension in ("pdf", "xlsx")
    ],
]
