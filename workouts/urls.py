from django.urls import path

from workouts import views

app_name = "workouts"

urlpatterns = [
    path("", views.workout_list, name="workout-list"),
    path("start/<int:session_pk>/", views.workout_start, name="workout-start"),
    path("<int:workout_pk>/", views.workout_detail, name="workout-detail"),
    path("<int:workout_pk>/sets/<int:entry_pk>/", views.log_set, name="log-set"),
    path("<int:workout_pk>/finish/", views.workout_finish, name="workout-finish"),
    path("exercises/<slug:slug>/", views.exercise_history, name="exercise-history"),
]
