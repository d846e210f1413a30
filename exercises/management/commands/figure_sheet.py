"""A contact sheet of every exercise's figure, for a coach to review them all at a glance."""

import base64
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.html import format_html, format_html_join

from exercises.content import read_exercises, read_poses
from exercises.figures import Drawing, Pose
from exercises.models import ExerciseFigure

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Exercise figures</title></head>
<body>
<h1>Exercise figures ({count})</h1>
<p>Each row: the animated figure, then every position still, with its alt text.</p>
<table>{rows}</table>
</body></html>
"""


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def image(svg: str, alt: str, width: int) -> str:
    return format_html(
        '<img src="{}" alt="{}" title="{}" width="{}">', data_uri(svg), alt, alt, width
    )


class Command(BaseCommand):
    help = "Write one HTML page with every exercise's figures in a grid, images embedded."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="the HTML file to write")
        parser.add_argument(
            "--content",
            action="store_true",
            help="draw exercises/content/poses.toml rather than the figures in the database "
            "(to review edits before a migration loads them)",
        )

    def handle(self, *args, output: Path, content: bool, **options):
        if content:
            names = {entry["slug"]: entry["name"] for entry in read_exercises()}
            figures = [(names.get(slug, slug), pose) for slug, pose in read_poses().items()]
        else:
            figures = [
                (figure.exercise.name, figure.pose)
                for figure in ExerciseFigure.objects.select_related("exercise").order_by(
                    "exercise__pattern__order", "exercise__name"
                )
            ]
        rows = []
        for name, data in figures:
            drawing = Drawing(Pose(data))
            cells = [image(drawing.svg(), drawing.title(), 200)] + [
                image(drawing.svg(index), frame.alt, 200)
                for index, frame in enumerate(drawing.pose.frames)
            ]
            rows.append(
                format_html(
                    "<tr><th>{}</th>{}</tr>",
                    name,
                    format_html_join("", "<td>{}</td>", ((cell,) for cell in cells)),
                )
            )
        output.write_text(PAGE.format(count=len(rows), rows="".join(rows)), encoding="utf-8")
        self.stdout.write(f"Wrote {len(rows)} exercises to {output}")
