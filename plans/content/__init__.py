"""The starter templates shipped with the project (templates.toml), loaded by a data migration.

Like the exercise library, loading only creates templates that are missing, by slug.
`newsletter_gift = true` marks the template sent to new newsletter subscribers.
"""

import tomllib
from pathlib import Path

from exercises.content import known_fields, parse_reps
from plans.loads import parse_load

TEMPLATES_FILE = Path(__file__).resolve().parent / "templates.toml"


def read_templates() -> list[dict]:
    with TEMPLATES_FILE.open("rb") as file:
        return tomllib.load(file)["template"]


def load_fields(item_model, text: str) -> dict:
    """The data migration that first loads the templates runs while RoutineItem still has
    its free-text `load` (plans 0004 splits it afterwards); later loads write the fields."""
    field_names = {field.name for field in item_model._meta.get_fields()}
    if "load" in field_names:
        return {"load": text}
    return parse_load(text, unit=None)


def load_templates(apps) -> int:
    routine_model = apps.get_model("plans", "Routine")
    session_model = apps.get_model("plans", "Session")
    item_model = apps.get_model("plans", "RoutineItem")
    exercises = {e.slug: e for e in apps.get_model("exercises", "Exercise").objects.all()}
    created = 0
    for template in read_templates():
        if routine_model.objects.filter(slug=template["slug"]).exists():
            continue
        routine = routine_model.objects.create(
            is_template=True,
            slug=template["slug"],
            name=template["name"],
            focus=template["focus"],
            sessions_per_week=template["sessions_per_week"],
            notes=template["notes"],
            **known_fields(
                routine_model, {"is_newsletter_gift": template.get("newsletter_gift", False)}
            ),
        )
        for order, session in enumerate(template["session"]):
            new_session = session_model.objects.create(
                routine=routine, name=session["name"], order=order
            )
            items = []
            for position, item in enumerate(session["items"]):
                exercise = exercises[item["exercise"]]
                reps_min, reps_max = parse_reps(item["reps"]) if "reps" in item else (None, None)
                items.append(
                    item_model(
                        session=new_session,
                        exercise=exercise,
                        order=position,
                        sets=item["sets"],
                        reps_min=reps_min,
                        reps_max=reps_max,
                        hold_seconds=item.get("hold"),
                        per_side=item.get("per_side", exercise.per_side),
                        **load_fields(item_model, item.get("load", "")),
                        rest_seconds=item["rest"],
                        notes=item.get("notes", ""),
                    )
                )
            item_model.objects.bulk_create(items)
        created += 1
    return created


def load_newsletter_gift(apps) -> None:
    """Mark the shipped gift template on an install that has it and no gift yet."""
    routine_model = apps.get_model("plans", "Routine")
    if routine_model.objects.filter(is_newsletter_gift=True).exists():
        return
    for template in read_templates():
        if template.get("newsletter_gift"):
            routine_model.objects.filter(is_template=True, slug=template["slug"]).update(
                is_newsletter_gift=True
            )
