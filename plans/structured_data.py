"""schema.org for routines: a starter template (or a shared routine) as an ExercisePlan."""

from core.http import site_url
from core.structured_data import CONTEXT


def exercise_plan(routine, *, url: str) -> dict:
    """From a routine with its sessions and items prefetched; `url` is the page's path."""
    sessions = list(routine.sessions.all())
    return {
        "@context": CONTEXT,
        "@type": "ExercisePlan",
        "name": routine.name,
        "description": (
            f"A strength routine for runners: {len(sessions)} session"
            f"{'s' if len(sessions) != 1 else ''}, {routine.sessions_per_week} a week."
        ),
        "url": site_url(url),
        "exerciseType": "Strength training",
        "activityFrequency": f"{routine.sessions_per_week} sessions a week",
        "hasPart": [
            {
                "@type": "ExercisePlan",
                "name": session.name,
                "description": ", ".join(
                    f"{item.exercise.name} {item.dose}" for item in session.items.all()
                ),
                "exerciseType": "Strength training",
            }
            for session in sessions
        ],
    }
