from django.tasks import task

from workouts import services


@task
def close_left_open_workouts() -> int:
    """Close every workout left open for a day (its sets stay); how many were closed."""
    return services.close_left_open()
