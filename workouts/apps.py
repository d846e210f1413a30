from django.apps import AppConfig


class WorkoutsConfig(AppConfig):
    name = "workouts"
    verbose_name = "Workout log"

    def ready(self):
        from accounts import personal_data
        from workouts import services
        from workouts.models import Workout

        personal_data.register(key="log", export=services.export_for, rows=Workout.objects.owned_by)
