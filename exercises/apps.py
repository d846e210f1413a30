from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise library"

    def ready(self):
        from exercises import checks  # noqa: F401 (registers the system check)
