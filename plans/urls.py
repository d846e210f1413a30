from django.urls import path

from plans import feeds, sharing, views

app_name = "plans"

downloads = [
    path(
        f"{route}/download.{extension}",
        view,
        {"extension": extension},
        name=f"{name}-download-{extension}",
    )
    for extension in ("pdf", "xlsx")
    for route, view, name in (
        ("<int:pk>", views.routine_download, "routine"),
        ("templates/<slug:slug>", views.template_download, "template"),
    )
]

urlpatterns = [
    path("", views.routine_list, name="routine-list"),
    path("new/", views.routine_create, name="routine-create"),
    path("add/<slug:slug>/", views.add_from_library, name="add-from-library"),
    path("build/", views.plan_builder, name="builder"),
    path("build/how-it-works/", views.plan_method, name="builder-method"),
    path("build/plan.pdf", views.plan_download, name="builder-download"),
    path("build/save/", views.plan_save, name="builder-save"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/<slug:slug>/", views.template_detail, name="template-detail"),
    path("templates/<slug:slug>/copy/", views.template_copy, name="template-copy"),
    path("<int:pk>/", views.routine_detail, name="routine-detail"),
    path("<int:pk>/edit/", views.routine_edit, name="routine-edit"),
    path("<int:pk>/delete/", views.routine_delete, name="routine-delete"),
    path("<int:pk>/duplicate/", views.routine_duplicate, name="routine-duplicate"),
    path("<int:pk>/sessions/add/", views.session_add, name="session-add"),
    path("<int:pk>/sessions/<int:session_pk>/", views.session_update, name="session-update"),
    path(
        "<int:pk>/sessions/<int:session_pk>/delete/",
        views.session_delete,
        name="session-delete",
    ),
    path("<int:pk>/sessions/<int:session_pk>/move/", views.session_move, name="session-move"),
    path("<int:pk>/sessions/<int:session_pk>/add/", views.item_add, name="item-add"),
    path("<int:pk>/items/<int:item_pk>/", views.item_update, name="item-update"),
    path("<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item-delete"),
    path("<int:pk>/items/<int:item_pk>/move/", views.item_move, name="item-move"),
    path("<int:pk>/calendar.ics", feeds.routine_calendar, name="routine-calendar"),
    path("calendar/<str:feed_token>.ics", feeds.calendar_feed, name="calendar-feed"),
    path("<int:pk>/share/", sharing.routine_share, name="routine-share"),
    path("<int:pk>/share/revoke/", sharing.routine_share_revoke, name="routine-share-revoke"),
    path("shared/<str:share_token>/", sharing.shared_routine, name="shared-routine"),
    path("shared/<str:share_token>/copy/", sharing.shared_copy, name="shared-copy"),
    path("shared/<str:share_token>/signup/", sharing.shared_signup, name="shared-signup"),
    *downloads,
]
