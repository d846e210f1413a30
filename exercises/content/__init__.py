"""The curated library shipped with the project, loaded by the data migrations.

`vocabulary.toml` holds the patterns, focus areas, muscles and equipment,
`problems.toml` the problem pages; every other `*.toml` file holds exercises
(README.md describes their keys).
Loading only creates what is missing, by slug: running it again changes
nothing, and what editors changed in the admin is kept.
"""

import tomllib
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
VOCABULARY_FILE = CONTENT_DIR / "vocabulary.toml"
PROBLEMS_FILE = CONTENT_DIR / "problems.toml"


def read_vocabulary() -> dict:
    with VOCABULARY_FILE.open("rb") as file:
        return tomllib.load(file)


def read_exercises() -> list[dict]:
    exercises = []
    for path in sorted(CONTENT_DIR.glob("*.toml")):
        if path not in (VOCABULARY_FILE, PROBLEMS_FILE):
            with path.open("rb") as file:
                exercises.extend(tomllib.load(file)["exercise"])
    return exercises


def parse_reps(reps: str) -> tuple[int, int | None]:
    low, _, high = reps.partition("-")
    return int(low), int(high) if high else None


def load_library(apps) -> int:
    """Create the missing vocabulary and exercises; return how many exercises were created."""
    vocabulary = read_vocabulary()
    models = {
        "pattern": apps.get_model("exercises", "MovementPattern"),
        "focus": apps.get_model("exercises", "FocusArea"),
        "muscle": apps.get_model("exercises", "Muscle"),
        "equipment": apps.get_model("exercises", "Equipment"),
    }
    lookup = {}
    for kind, model in models.items():
        for order, entry in enumerate(vocabulary[kind]):
            defaults = {key: value for key, value in entry.items() if key != "slug"}
            item, _ = model.objects.get_or_create(
                slug=entry["slug"], defaults={**defaults, "order": order}
            )
            lookup[kind, entry["slug"]] = item

    exercise_model = apps.get_model("exercises", "Exercise")
    link_model = apps.get_model("exercises", "ExerciseMuscle")
    existing = set(exercise_model.objects.values_list("slug", flat=True))
    created = {}
    for entry in read_exercises():
        if entry["slug"] in existing:
            continue
        reps_min, reps_max = parse_reps(entry["reps"]) if "reps" in entry else (None, None)
        exercise = exercise_model.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            aliases=", ".join(entry["aliases"]),
            summary=entry["summary"],
            cues="\n".join(entry["cues"]),
            mistakes="\n".join(entry["mistakes"]),
            why=entry["why"],
            pattern=lookup["pattern", entry["pattern"]],
            kind=entry["kind"],
            unilateral=entry["unilateral"],
            level=entry["level"],
            sets=entry["sets"],
            reps_min=reps_min,
            reps_max=reps_max,
            hold_seconds=entry.get("hold_seconds"),
            per_side=entry["per_side"],
        )
        exercise.focus_areas.set([lookup["focus", slug] for slug in entry["focus"]])
        exercise.equipment.set([lookup["equipment", slug] for slug in entry["equipment"]])
        link_model.objects.bulk_create(
            [
                link_model(exercise=exercise, muscle=lookup["muscle", slug], role=role)
                for role in ("primary", "secondary")
                for slug in entry[f"{role}_muscles"]
            ]
        )
        created[entry["slug"]] = (exercise, entry)

    by_slug = {e.slug: e for e in exercise_model.objects.all()}
    for exercise, entry in created.values():
        exercise.easier_variations.add(*(by_slug[slug] for slug in entry["easier"]))
        for slug in entry["harder"]:
            by_slug[slug].easier_variations.add(exercise)
    return len(created)


def read_problems() -> list[dict]:
    with PROBLEMS_FILE.open("rb") as file:
        return tomllib.load(file)["problem"]


def load_problems(apps) -> int:
    """Create the missing problem pages, with their exercises; return how many were created."""
    problem_model = apps.get_model("exercises", "Problem")
    step_model = apps.get_model("exercises", "ProblemExercise")
    exercises = apps.get_model("exercises", "Exercise").objects.in_bulk(field_name="slug")
    existing = set(problem_model.objects.values_list("slug", flat=True))
    created = 0
    for order, entry in enumerate(read_problems()):
        if entry["slug"] in existing:
            continue
        problem = problem_model.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            clinical_name=entry["clinical_name"],
            summary=entry["summary"],
            about="\n".join(entry["about"]),
            see_someone="\n".join(entry["see_someone"]),
            approach="\n".join(entry["approach"]),
            sources="\n".join(entry["sources"]),
            order=order,
        )
        steps = []
        for position, step in enumerate(entry["exercise"]):
            reps_min, reps_max = parse_reps(step["reps"]) if "reps" in step else (None, None)
            steps.append(
                step_model(
                    problem=problem,
                    exercise=exercises[step["slug"]],
                    order=position,
                    sets=step["sets"],
                    reps_min=reps_min,
                    reps_max=reps_max,
                    hold_seconds=step.get("hold_seconds"),
                    per_side=step.get("per_side", False),
                    note=step.get("note", ""),
                )
            )
        step_model.objects.bulk_create(steps)
        created += 1
    return created
