"""The SVG every figure is served as: well-formed, small, and safe under a strict CSP."""

import gzip

import defusedxml.ElementTree as ET
import pytest

from exercises.content import read_poses
from exercises.figures import PoseError, render
from exercises.models import ExerciseFigure

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
SLUGS = sorted(read_poses())
MAX_COMPRESSED = 4 * 1024


def documents(figure):
    drawing = figure.drawing
    return [drawing.svg()] + [drawing.svg(i) for i in range(len(drawing.pose.frames))]


@pytest.mark.parametrize("slug", SLUGS)
def test_figures_are_well_formed_with_no_style_or_script(slug):
    figure = ExerciseFigure.objects.get(exercise__slug=slug)
    for document in documents(figure):
        root = ET.fromstring(document)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.get("aria-label")
        for element in root.iter():
            assert element.tag not in (f"{SVG}style", f"{SVG}script", f"{SVG}foreignObject")
            assert "style" not in element.attrib
            assert not any(name.startswith("on") or "href" in name for name in element.attrib)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_figure_is_at_most_4_kb_compressed(slug):
    figure = ExerciseFigure.objects.get(exercise__slug=slug)
    for document in documents(figure):
        assert len(gzip.compress(document.encode())) <= MAX_COMPRESSED


def test_the_animated_figure_moves_and_a_still_does_not():
    figure = ExerciseFigure.objects.get(exercise__slug="glute-bridge")
    animated = ET.fromstring(figure.drawing.svg())
    animations = list(animated.iter(f"{SVG}animate"))
    assert animations
    assert all(a.get("attributeName") == "d" for a in animations)
    assert all(a.get("repeatCount") == "indefinite" for a in animations)
    still = ET.fromstring(figure.drawing.svg(1))
    assert list(still.iter(f"{SVG}animate")) == []
    assert still.get("aria-label").startswith("Glute bridge, top:")


def test_the_working_side_is_drawn_in_the_accent_colour():
    figure = ExerciseFigure.objects.get(exercise__slug="single-leg-glute-bridge")
    strokes = {e.get("stroke") for e in ET.fromstring(figure.drawing.svg(0)).iter()}
    assert "#f0b400" in strokes


@pytest.mark.parametrize(
    "pose",
    [
        {"frame": [{"pelvis": [0, 95]}]},  # one position only
        {"view": "top", "frame": [{"pelvis": [0, 95]}, {"pelvis": [0, 95]}]},
        {"frame": [{"torso": 10}, {"pelvis": [0, 95]}]},  # no pelvis
        {"props": [{"kind": "trampoline"}], "frame": [{"pelvis": [0, 95]}] * 2},
        {"frame": [{"pelvis": [0, 95], "near-leg": {"knee": [0, 0]}}] * 2},
    ],
)
def test_a_pose_that_cannot_be_drawn_is_refused_with_a_reason(pose):
    with pytest.raises(PoseError):
        render(pose)
