from django.urls import path

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("focus/<slug:slug>/", views.focus_detail, name="focus"),
    path("problems/", views.problem_list, name="problem-list"),
    path("problems/<slug:slug>/", views.problem_detail, name="problem"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
    path("<slug:slug>/figure.svg", views.figure_svg, name="figure"),
    path("<slug:slug>/figure-<int:position>.svg", views.figure_svg, name="figure-still"),
    path("<slug:slug>/preview.png", views.figure_preview, name="figure-preview"),
]
