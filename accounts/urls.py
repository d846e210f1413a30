from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/export/", views.export_data, name="export"),
    path("profile/delete/", views.DeleteAccountView.as_view(), name="delete"),
    path("profile/calendar/new/", views.calendar_token_rotate, name="calendar-rotate"),
    path("profile/calendar/off/", views.calendar_token_revoke, name="calendar-revoke"),
]
