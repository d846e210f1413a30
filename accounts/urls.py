from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/export/", views.export_data, name="export"),
    path("profile/delete/", views.DeleteAccountView.as_view(), name="delete"),
]
