"""An exercise's history: the best set of each workout, and a chart of it drawn as SVG.

The measure follows the exercise: the top set's load for a loaded exercise, the longest
hold for a hold, the most reps for a bodyweight one.
"""

from dataclasses import dataclass
from decimal import Decimal

from plans.loads import KG, from_kg, weight_text
from workouts.models import WorkoutExercise

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 12, 24  # room for the axis labels


@dataclass(frozen=True)
class Row:
    entry: WorkoutExercise
    top_set: str  # "22.5 kg × 8", "45 s", "12 reps"
    value: Decimal | None


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    label: str


@dataclass(frozen=True)
class Chart:
    measure: str  # "load (kg)", "hold (seconds)", "reps"
    points: list[Point]
    low: str
    high: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def baseline(self) -> int:
        return HEIGHT - BOTTOM


def measure_of(entries: list[WorkoutExercise], unit: str) -> str:
    if any(s.load_kg for entry in entries for s in entry.logged_sets.all()):
        return f"load ({unit})"
    if any(s.hold_seconds is not None for entry in entries for s in entry.logged_sets.all()):
        return "hold (seconds)"
    return "reps"


def rows_for(entries: list[WorkoutExercise], unit: str = KG) -> tuple[str, list[Row]]:
    """(the measure, a row per workout) from entries with their sets prefetched."""
    measure = measure_of(entries, unit)
    rows = []
    for entry in entries:
        best = entry.top_set
        if best is None:
            continue
        if best.hold_seconds is not None:
            text, value = f"{best.hold_seconds} s", Decimal(best.hold_seconds)
        elif best.load_kg:
            text = f"{weight_text(best.load_kg, unit)} × {best.reps}"
            value = from_kg(best.load_kg, unit)
        else:
            text, value = f"{best.reps} reps", Decimal(best.reps or 0)
        if measure.startswith("load") and not best.load_kg:
            value = None  # a bodyweight day on a loaded exercise: in the table, not the line
        rows.append(Row(entry=entry, top_set=text, value=value))
    return measure, rows


def chart_for(measure: str, rows: list[Row]) -> Chart | None:
    """Oldest on the left; None with fewer than two points to join."""
    plotted = [row for row in reversed(rows) if row.value is not None]
    if len(plotted) < 2:
        return None
    values = [row.value for row in plotted]
    low, high = min(values), max(values)
    span = (high - low) or Decimal(1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    points = [
        Point(
            x=LEFT + round(inner_w * index / (len(plotted) - 1)),
            y=TOP + round(inner_h * (1 - (row.value - low) / span)),
            label=f"{row.entry.workout.started:%-d %b}: {row.top_set}",
        )
        for index, row in enumerate(plotted)
    ]
    return Chart(
        measure=measure, points=points, low=f"{low.normalize():f}", high=f"{high.normalize():f}"
    )
