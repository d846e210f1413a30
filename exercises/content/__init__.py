"""The curated library shipped with the project, loaded by the data migrations.

`vocabulary.toml` holds the patterns, focus areas, muscles and equipment,
`problems.toml` the problem pages, `poses.toml` the drawn figures
(exercises.figures describes a pose); every other `*.toml` file holds
exercises (README.md describes their keys); `videos.csv` holds form-video
links with where each was found.
Loading only creates what is missing, by slug: running it again changes
nothing, and what editors changed in the admin is kept.

The role keys (ROLE_KEYS: what a row counts as for the balance check and the
plan builder) arrived after the first content: `load_roles` sets them once on
the rows an install already has.
"""

import csv
import tomllib
from pathlib import Path

from exercises.videos import parse_video_url

CONTENT_DIR = Path(__file__).resolve().parent
VOCABULARY_FILE = CONTENT_DIR / "vocabulary.toml"
VOCABULARY_MODELS = {
    "pattern": "MovementPattern",
    "focus": "FocusArea",
    "muscle": "Muscle",
    "equipment": "Equipment",
}
ROLE_KEYS = {
    "pattern": ("role",),
    "focus": ("routine_focus",),
    "muscle": ("balance_group",),
    "equipment": ("adds_load",),
    "exercise": ("warmup_priority", "calf_role", "eccentric_heavy", "load_required"),
}
VIDEOS_FILE = CONTENT_DIR / "videos.csv"
VIDEO_FIELDS = ("credit", "source", "seen_on", "note", "watch_first")
PROBLEMS_FILE = CONTENT_DIR / "problems.toml"
POSES_FILE = CONTENT_DIR / "poses.toml"


def read_vocabulary() -> dict:
    with VOCABULARY_FILE.open("rb") as file:
        return tomllib.load(file)


def read_exercises() -> list[dict]:
    exercises = []
    for path in sorted(CONTENT_DIR.glob("*.toml")):
        if path not in (VOCABULARY_FILE, PROBLEMS_FILE, POSES_FILE):
            with path.open("rb") as file:
                exercises.extend(tomllib.load(file)["exercise"])
    return exercises


def parse_reps(reps: str) -> tuple[int, int | None]:
    low, _, high = reps.partition("-")
    return int(low), int(high) if high else None


def known_fields(model, entry: dict) -> dict:
    """The entry's keys that the model (as a migration sees it) has, but the slug."""
    names = {field.name for field in model._meta.get_fields()} - {"slug"}
    return {key: value for key, value in entry.items() if key in names}


def load_library(apps) -> int:
    """Create the missing vocabulary and exercises; return how many exercises were created."""
    vocabulary = read_vocabulary()
    models = {kind: apps.get_model("exercises", name) for kind, name in VOCABULARY_MODELS.items()}
    lookup = {}
    for kind, model in models.items():
        for order, entry in enumerate(vocabulary[kind]):
            defaults = known_fields(model, entry)
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
            **known_fields(
                exercise_model, {key: entry[key] for key in ROLE_KEYS["exercise"] if key in entry}
            ),
        )
        exercise.focus_areas.set([lookup["focus", slug] for slug in entry["focus"]])
        exercise.equipment.set([lookup["equipment", slug] for slug in entry["equipment"]])
        if "load_options" in {field.name for field in exercise_model._meta.get_fields()}:
            exercise.load_options.set(
                [lookup["equipment", slug] for slug in entry.get("load_options", [])]
            )
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


def load_roles(apps) -> None:
    """Set the role keys on the shipped rows an install already has, found by slug."""
    vocabulary = read_vocabulary()
    sources = [
        (apps.get_model("exercises", name), ROLE_KEYS[kind], vocabulary[kind])
        for kind, name in VOCABULARY_MODELS.items()
    ]
    sources.append(
        (apps.get_model("exercises", "Exercise"), ROLE_KEYS["exercise"], read_exercises())
    )
    for model, keys, entries in sources:
        for entry in entries:
            # Only the keys the model has at this migration: later role keys wait for theirs.
            roles = known_fields(model, {key: entry[key] for key in keys if key in entry})
            if roles:
                model.objects.filter(slug=entry["slug"]).update(**roles)


def read_videos() -> list[dict]:
    with VIDEOS_FILE.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def shipped_video_keys(apps):
    """(exercise id, provider, video id) of every shipped video whose exercise exists."""
    exercise_ids = dict(apps.get_model("exercises", "Exercise").objects.values_list("slug", "pk"))
    for row in read_videos():
        if row["exercise"] in exercise_ids:
            ref = parse_video_url(row["url"])
            yield exercise_ids[row["exercise"]], ref, row


def load_videos(apps) -> int:
    """Create the shipped videos that are missing; return how many were created.

    A file row is the exercise's primary only while the exercise has none: a
    primary an editor chose stays, and the shipped one joins the alternatives.
    """
    video_model = apps.get_model("exercises", "ExerciseVideo")
    existing = set(video_model.objects.values_list("exercise_id", "provider", "video_id"))
    with_primary = set(
        video_model.objects.filter(role="primary").values_list("exercise_id", flat=True)
    )
    created = []
    for order, (exercise_id, ref, row) in enumerate(shipped_video_keys(apps)):
        if (exercise_id, ref.provider, ref.video_id) in existing:
            continue
        primary = row["role"] == "primary" and exercise_id not in with_primary
        if primary:
            with_primary.add(exercise_id)
        existing.add((exercise_id, ref.provider, ref.video_id))
        created.append(
            video_model(
                exercise_id=exercise_id,
                url=row["url"],
                provider=ref.provider,
                video_id=ref.video_id,
                start_seconds=ref.start,
                order=order,
                role="primary" if primary else "alternative",
                **{field: row[field] for field in VIDEO_FIELDS},
            )
        )
    video_model.objects.bulk_create(created)
    return len(created)


def unload_videos(apps) -> None:
    """Remove the shipped videos (what editors added themselves stays)."""
    video_model = apps.get_model("exercises", "ExerciseVideo")
    for exercise_id, ref, _row in shipped_video_keys(apps):
        video_model.objects.filter(
            exercise_id=exercise_id, provider=ref.provider, video_id=ref.video_id
        ).delete()


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


def load_options(apps, *, reverse: bool = False) -> None:
    """Give the shipped rows an install already has their optional loads (or take them off)."""
    exercise_model = apps.get_model("exercises", "Exercise")
    equipment = apps.get_model("exercises", "Equipment").objects.in_bulk(field_name="slug")
    for entry in read_exercises():
        slugs = entry.get("load_options", [])
        exercise = exercise_model.objects.filter(slug=entry["slug"]).first()
        if exercise is None or not slugs:
            continue
        pieces = [equipment[slug] for slug in slugs if slug in equipment]
        if reverse:
            exercise.load_options.remove(*pieces)
        else:
            exercise.load_options.add(*pieces)
