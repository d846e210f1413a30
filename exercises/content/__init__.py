"""The curated library shipped with the project, loaded by the data migrations.

`vocabulary.toml` holds the patterns, focus areas, muscles and equipment,
`poses.toml` the drawn figures (exercises.figures describes a pose); every
other `*.toml` file holds exercises (README.md describes their keys).
Loading only creates what is missing, by slug: running it again changes
nothing, and what editors changed in the admin is kept.
"""

import tomllib
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
VOCABULARY_FILE = CONTENT_DIR / "vocabulary.toml"
POSES_FILE = CONTENT_DIR / "poses.toml"


def read_vocabulary() -> dict:
    with VOCABULARY_FILE.open("rb") as file:
        return tomllib.load(file)


def read_exercises() -> list[dict]:
    exercises = []
    for path in sorted(CONTENT_DIR.glob("*.toml")):
        if path not in (VOCABULARY_FILE, POSES_FILE):
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


def read_poses() -> dict[str, dict]:
    """Each exercise's pose description, by exercise slug."""
    with POSES_FILE.open("rb") as file:
        return tomllib.load(file)


def load_figures(apps) -> int:
    """Give every exercise that has none the figure its slug has in poses.toml."""
    exercise_model = apps.get_model("exercises", "Exercise")
    figure_model = apps.get_model("exercises", "ExerciseFigure")
    poses = read_poses()
    missing = exercise_model.objects.filter(slug__in=poses, figure__isnull=True)
    created = figure_model.objects.bulk_create(
        figure_model(exercise=exercise, pose=poses[exercise.slug]) for exercise in missing
    )
    return len(created)
