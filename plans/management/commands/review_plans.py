"""Build the plan for 32 runner profiles and print what a coach reviewing them would count.

The profiles: four phases (base, build, peak, taper with a race in 12 days) × two levels of
experience (new, regular) × four kits (bodyweight, a kettlebell, dumbbells and a bench, a
full gym), in turn on two running weeks: five runs (hard Tuesday and Thursday, long run on
Sunday) with two 30-minute sessions, or seven runs (hard Tuesday, Thursday and Saturday)
with three 40-minute sessions, which forces light sessions. The README records the figures
("How the plan is built").
"""

from datetime import timedelta
from itertools import product

from django.core.management.base import BaseCommand
from django.utils import timezone

from exercises.models import Exercise, Muscle
from plans import builder
from plans.builder.notes import RACE_DAYS_NOTE
from plans.selectors import builder_library

PHASES = ("base", "build", "peak", "taper")
EXPERIENCE = ("new", "regular")
KITS = {
    "bodyweight": set(),
    "kettlebell": {"kettlebell"},
    "dumbbells": {"dumbbell", "bench"},
    "gym": {"barbell", "dumbbell", "kettlebell", "bench", "pull-up-bar", "cable-machine"},
}


# Two running weeks: an easy one, and a crowded one that forces light sessions.
WEEKS = {
    "5 runs": {
        "running_days": {0, 1, 3, 5, 6},
        "hard_days": {1, 3},
        "sessions_per_week": 2,
        "minutes": 30,
    },
    "7 runs": {
        "running_days": set(range(7)),
        "hard_days": {1, 3, 5},
        "sessions_per_week": 3,
        "minutes": 40,
    },
}


def profiles(today):
    for (phase, experience, kit), week in zip(
        product(PHASES, EXPERIENCE, KITS), ["5 runs", "7 runs"] * 16, strict=True
    ):
        race = today + timedelta(days=12) if phase == "taper" else None
        yield (
            f"{phase}/{experience}/{kit}/{week}",
            builder.PlanRequest(
                long_run_day=6,
                phase=phase,
                experience=experience,
                equipment=KITS[kit],
                weeks=8,
                race_date=race,
                start_date=today,
                **WEEKS[week],
            ),
        )


class Command(BaseCommand):
    help = "Print the coaching figures of the plan builder for 32 runner profiles."

    def handle(self, *args, **options):
        library = builder_library()
        shin_exercises = set(
            Exercise.objects.filter(
                exercise_muscles__muscle__balance_group=Muscle.BalanceGroup.SHIN
            ).values_list("pk", flat=True)
        )
        totals = dict.fromkeys(
            (
                "kit allows a loaded hinge",
                "loaded hinge every week",
                "jumps in week 1",
                "shin gap",
                "advanced picks",
                "L-sit style advanced core",
                "leg work in the last 5 days before a race",
                "bodyweight exercises held with a weight (week 1)",
                "light sessions",
                "jumps on a light day",
            ),
            0,
        )
        calf_sets = []
        for label, request in profiles(timezone.localdate()):
            plan = builder.build_plan(request, library)
            # Race week's last days leave the legs alone by design, so they are not counted.
            week_items = [
                [item for session in week.sessions for item in session.items]
                for week in plan.weeks
                if not any(session.note == RACE_DAYS_NOTE for session in week.sessions)
            ]
            kit_allows = any(
                e.pattern.role == "hinge"
                and e.loaded_for(request.gear)
                and not e.unilateral
                and e.level in builder.ALLOWED_LEVELS[request.experience]
                for e in library.usable(request.gear, Exercise.Kind.STRENGTH)
            )
            first = week_items[0]
            hinge = all(
                any(
                    i.exercise.pattern.role == "hinge"
                    and i.exercise.loaded_for(request.gear)
                    and not i.exercise.unilateral
                    for i in items
                )
                for items in week_items
            )
            jumps = any(i.exercise.pattern.role == "plyometric" for i in first)
            shin = any(i.exercise.pk in shin_exercises for i in first)
            advanced = [i.exercise.slug for i in first if i.exercise.level == "advanced"]
            calves = sum(i.sets for i in first if i.exercise.pattern.role == "calf")
            race_legs = sum(
                1
                for week in plan.weeks
                for session in week.sessions
                if request.race_date
                and request.session_date(week.number, session.weekday)
                >= request.race_date - timedelta(days=5)
                for i in session.items
                if i.exercise.pattern.role
                in ("squat", "hinge", "knee-flexion", "lunge", "plyometric", "calf")
            )
            light_jumps = sum(
                1
                for week in plan.weeks
                for session in week.sessions
                if session.note.startswith("A light session")
                for i in session.items
                if i.exercise.pattern.role == "plyometric"
            )
            totals["kit allows a loaded hinge"] += kit_allows
            totals["loaded hinge every week"] += hinge
            totals["jumps in week 1"] += jumps
            totals["shin gap"] += not shin
            totals["advanced picks"] += len(advanced)
            totals["L-sit style advanced core"] += sum(
                1
                for i in first
                if i.exercise.level == "advanced" and "core" in i.exercise.pattern.role
            )
            totals["leg work in the last 5 days before a race"] += race_legs
            totals["bodyweight exercises held with a weight (week 1)"] += sum(
                1 for i in first if i.exercise.optional_load_for(request.gear)
            )
            totals["light sessions"] += sum(1 for day in plan.days if day.light)
            totals["jumps on a light day"] += light_jumps
            calf_sets.append(calves)
            self.stdout.write(
                f"{label:36} weeks {len(plan.weeks):2}  hinge {'yes' if hinge else 'no ':3}  "
                f"jumps {'yes' if jumps else 'no ':3}  calf sets {calves:2}  "
                f"shin {'yes' if shin else 'GAP'}  {' '.join(advanced)}"
            )
        self.stdout.write("")
        for name, value in totals.items():
            self.stdout.write(f"{name}: {value}")
        self.stdout.write(
            f"calf and shin sets a week: {min(calf_sets)} to {max(calf_sets)}, "
            f"mean {sum(calf_sets) / len(calf_sets):.1f}"
        )
