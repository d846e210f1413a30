from django.db import migrations

from exercises.services import reindex

# The common names runners type that the library did not know yet (also in
# content/*.toml, which new installs load whole). Only a name a row lacks is
# added, so an editor's own list keeps everything else they changed.
ADDED = {
    "bent-knee-calf-raise": ["Bent-leg calf raise"],
    "dead-bug": ["Deadbug"],
    "farmers-carry": ["Weighted carry", "Loaded carry"],
    "side-plank": ["Side bridge"],
    "glute-bridge": ["Hip raise"],
    "nordic-hamstring-curl": ["Nordic hamstring exercise"],
    "copenhagen-plank": ["Copenhagen adduction exercise"],
    "side-lying-leg-lift": ["Side leg raise"],
}


def add_aliases(apps, schema_editor):
    exercise_model = apps.get_model("exercises", "Exercise")
    changed = []
    for exercise in exercise_model.objects.filter(slug__in=ADDED):
        have = [alias.strip() for alias in exercise.aliases.split(",") if alias.strip()]
        missing = [
            a for a in ADDED[exercise.slug] if a.casefold() not in {h.casefold() for h in have}
        ]
        if missing:
            exercise.aliases = ", ".join(have + missing)
            exercise.save(update_fields=["aliases"])
            changed.append(exercise.pk)
    reindex(
        exercises=exercise_model.objects.filter(pk__in=changed),
        term_model=apps.get_model("exercises", "SearchTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("exercises", "0007_search")]

    operations = [migrations.RunPython(add_aliases, migrations.RunPython.noop)]
