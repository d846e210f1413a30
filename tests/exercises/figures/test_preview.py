"""The link-preview picture: an exercise's figure as a PNG, named by the page's og:image."""

import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from PIL import Image

from exercises.figures.raster import PREVIEW_SIZE, shapes
from exercises.models import ExerciseFigure

pytestmark = pytest.mark.django_db


class Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.found[attrs.get("property") or attrs["name"]] = attrs.get("content")


def meta_of(html):
    parser = Meta()
    parser.feed(html)
    return parser.found


def test_an_exercise_page_previews_its_figure_as_a_large_image(client):
    figure = ExerciseFigure.objects.select_related("exercise").get(exercise__slug="goblet-squat")
    meta = meta_of(client.get(figure.exercise.get_absolute_url()).text)
    assert meta["og:image"] == figure.preview_url
    assert meta["og:image"].startswith("https://testserver/exercises/goblet-squat/preview.png?v=")
    assert meta["og:image:alt"].startswith("Goblet squat")
    assert meta["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize("slug", ["goblet-squat", "plank", "step-up", "dumbbell-bench-press"])
def test_the_preview_is_a_png_of_the_figure_on_white(client, slug):
    response = client.get(reverse("exercises:figure-preview", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("L")
    assert image.size == PREVIEW_SIZE
    dark = sum(1 for value in image.get_flattened_data() if value < 80)  # the body's ink
    assert 2_000 < dark < 0.2 * PREVIEW_SIZE[0] * PREVIEW_SIZE[1]
    corner = image.crop((0, 0, 30, 30))
    assert min(corner.get_flattened_data()) == 255, "drawn inside its margin"


def test_a_versioned_preview_is_kept_for_good_and_an_old_one_for_an_hour(client):
    figure = ExerciseFigure.objects.select_related("exercise").get(exercise__slug="goblet-squat")
    url = reverse("exercises:figure-preview", args=["goblet-squat"])
    assert "immutable" in client.get(url, {"v": figure.version})["Cache-Control"]
    assert "max-age=3600" in client.get(url, {"v": "old"})["Cache-Control"]


def test_an_exercise_without_a_figure_has_no_preview(client):
    ExerciseFigure.objects.filter(exercise__slug="plank").delete()
    assert client.get(reverse("exercises:figure-preview", args=["plank"])).status_code == 404
    assert "og:image" not in meta_of(client.get(reverse("exercises:detail", args=["plank"])).text)


def test_path_data_becomes_lines_dots_polygons_and_circles():
    found = list(
        shapes("M0 0L10 0L10 5M3 3h0M20 20L30 20L30 30ZM40 50a10 10 0 1 0 20 0a10 10 0 1 0 -20 0")
    )
    assert found == [
        ("line", [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0)]),
        ("line", [(3.0, 3.0), (3.0, 3.0)]),
        ("polygon", [(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)]),
        ("circle", (50.0, 50.0), 10.0),
    ]
