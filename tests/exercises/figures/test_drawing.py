"""Every figure is a body a coach would sign: it rests on what it should, never sinks into
the floor, keeps its limb lengths from one position to the next, and bends each joint only
as far as a person can. Checked on the coordinates the SVG is written with."""

import math

import pytest

from exercises.content import read_exercises, read_poses
from exercises.figures import HEIGHT, WIDTH
from exercises.figures.drawing import SEGMENTS
from exercises.figures.skeleton import CLEARANCE, HEAD_RADIUS, out_of_range
from exercises.figures.svg import FLOOR
from exercises.models import Exercise, ExerciseFigure

pytestmark = pytest.mark.django_db

SLUGS = sorted(read_poses())
# Coordinates are written to a tenth of a centimetre; a contact may sit this far off.
CONTACT_TOLERANCE = 2.0
LENGTH_TOLERANCE = 0.3


def figure_of(slug):
    return ExerciseFigure.objects.select_related("exercise").get(exercise__slug=slug)


def height_above_floor(point):
    """A page point's height above the drawn floor line, in the figure's centimetres."""
    return FLOOR - point[1]


def clearance(joint):
    return CLEARANCE[joint.rpartition("-")[2]]


def test_every_exercise_and_drill_in_the_content_has_a_pose():
    assert set(read_poses()) == {entry["slug"] for entry in read_exercises()}
    assert len(SLUGS) == 86


def test_every_exercise_in_the_library_has_a_figure():
    without = Exercise.objects.filter(figure__isnull=True).values_list("slug", flat=True)
    assert list(without) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_supporting_points_rest_on_the_floor_or_the_prop(slug):
    figure = figure_of(slug)
    drawing, pose = figure.drawing, figure.drawing.pose
    if not pose.floor:  # seen from above: the whole figure lies on the floor
        pytest.skip("a figure seen from above has no floor line")
    for index, frame in enumerate(pose.frames):
        points = drawing.points(index)
        for support in frame.support:
            joint, _, surface = support.partition("@")
            if joint not in points:  # a held prop resting on the floor: a loaded bar
                lowest = pose.prop(joint).lowest(frame.body)
                assert abs(lowest) <= CONTACT_TOLERANCE, f"{frame.label}: {joint} off the floor"
                continue
            page = points[joint]
            if surface:
                world = (page[0] - drawing.shift, height_above_floor(page))
                gap = pose.prop(surface).distance(world, frame.body)
            else:
                gap = height_above_floor(page)
            assert abs(gap - clearance(joint)) <= CONTACT_TOLERANCE, (
                f"{frame.label}: {support} is {gap:.1f} away, should rest at {clearance(joint)}"
            )


@pytest.mark.parametrize("slug", SLUGS)
def test_no_part_of_the_body_or_the_kit_goes_through_the_floor(slug):
    figure = figure_of(slug)
    drawing, pose = figure.drawing, figure.drawing.pose
    if not pose.floor:
        pytest.skip("a figure seen from above has no floor line")
    for index, frame in enumerate(pose.frames):
        for joint, point in drawing.points(index).items():
            assert height_above_floor(point) >= clearance(joint) - CONTACT_TOLERANCE, (
                f"{frame.label}: {joint} sinks into the floor"
            )
        head = drawing.points(index)["head"]
        assert height_above_floor(head) - HEAD_RADIUS >= -CONTACT_TOLERANCE
        for prop in pose.props:
            assert prop.lowest(frame.body) >= -CONTACT_TOLERANCE, f"{prop.kind} below the floor"


@pytest.mark.parametrize("slug", SLUGS)
def test_limbs_keep_their_length_from_one_position_to_the_next(slug):
    drawing = figure_of(slug).drawing
    lengths = [
        {
            name: math.dist(points[joints[0]], points[joints[1]])
            for name, joints in SEGMENTS.items()
            if not name.endswith("foot")
        }
        for points in (drawing.points(i) for i in range(len(drawing.pose.frames)))
    ]
    for name in lengths[0]:
        measured = [frame[name] for frame in lengths]
        assert max(measured) - min(measured) <= LENGTH_TOLERANCE, f"{name} changes length"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_joint_stays_within_human_range(slug):
    pose = figure_of(slug).drawing.pose
    for frame in pose.frames:
        assert out_of_range(pose.view, frame.body) == [], frame.label


@pytest.mark.parametrize("slug", SLUGS)
def test_the_whole_figure_fits_the_picture(slug):
    drawing = figure_of(slug).drawing
    for index in range(len(drawing.pose.frames)):
        for x, y in drawing.points(index).values():
            assert 0 <= x <= WIDTH
            assert 0 <= y <= HEIGHT


@pytest.mark.parametrize("slug", SLUGS)
def test_alt_text_names_the_exercise_and_describes_each_position(slug):
    figure = figure_of(slug)
    alts = [frame.alt for frame in figure.drawing.pose.frames]
    for alt in alts:
        assert alt.startswith(f"{figure.exercise.name}, ")
        assert len(alt) >= len(figure.exercise.name) + 30, f"too vague: {alt!r}"
    assert len(set(alts)) == len(alts), "two positions with the same description"


def test_a_joint_past_its_range_is_caught():
    """The range check can fail: a knee bent back on itself is refused."""
    pose = dict(read_poses()["bodyweight-squat"])
    frames = [dict(frame) for frame in pose["frame"]]
    frames[1]["near-leg"] = [80, -100]  # knee folded 180 degrees
    figure = ExerciseFigure(exercise=Exercise.objects.first(), pose=pose | {"frame": frames})
    assert out_of_range("side", figure.drawing.pose.frames[1].body) != []
