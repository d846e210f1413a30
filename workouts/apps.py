from django.apps import AppConfig


class WorkoutsConfig(AppConfig):
    name = "workouts"
    verbose_name = "Workout log"
