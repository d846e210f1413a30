"""Line drawings of every exercise's key positions, drawn by our own code.

`skeleton` holds the body (limb lengths, joint ranges, forward kinematics),
`props` the kit, `drawing` reads a pose description, `svg` writes it.
"""

import functools
import json

from exercises.figures.drawing import Pose
from exercises.figures.skeleton import PoseError
from exercises.figures.svg import HEIGHT, WIDTH, Drawing

__all__ = ["HEIGHT", "WIDTH", "Drawing", "Pose", "PoseError", "drawing_of", "render"]


def drawing_of(pose: dict) -> Drawing:
    """The pose placed on the page, solved once per process for each distinct pose: a
    routine page sizes a figure for each of its exercises, and solving the skeleton is
    most of the cost of drawing. A Drawing never changes once made."""
    return _solved(json.dumps(pose))


@functools.lru_cache(maxsize=512)
def _solved(pose_text: str) -> Drawing:
    return Drawing(Pose(json.loads(pose_text)))


def render(pose: dict, frame: int | None = None) -> str:
    """The figure as SVG: animated through its positions, or position `frame` (0-based) still."""
    return drawing_of(pose).svg(frame)
