"""schema.org for the library: an exercise's cues as a HowTo of HowToSteps."""

from core.http import site_url
from core.structured_data import CONTEXT


def how_to(exercise) -> dict:
    """From `Exercise.objects.for_detail()` (equipment prefetched)."""
    url = site_url(exercise.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "HowTo",
        "name": f"How to do the {exercise.name}",
        "description": exercise.summary,
        "url": url,
        "step": [
            {
                "@type": "HowToStep",
                "position": position,
                "text": cue,
                "url": f"{url}#how-title",
            }
            for position, cue in enumerate(exercise.cue_list, start=1)
        ],
    }
    tools = [piece.name for piece in exercise.equipment.all()]
    if exercise.load_choice_text:
        tools.append(exercise.load_choice_text)
    if tools:
        data["tool"] = [{"@type": "HowToTool", "name": name} for name in tools]
    return data
