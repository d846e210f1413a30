"""Line drawings of every exercise's key positions, drawn by our own code.

`skeleton` holds the body (limb lengths, joint ranges, forward kinematics),
`props` the kit, `drawing` reads a pose description, `svg` writes it.
"""

from exercises.figures.drawing import Pose
from exercises.figures.skeleton import PoseError
from exercises.figures.svg import HEIGHT, WIDTH, Drawing

__all__ = ["HEIGHT", "WIDTH", "Drawing", "Pose", "PoseError", "render"]


def render(pose: dict, frame: int | None = None) -> str:
    """The figure as SVG: animated through its positions, or position `frame` (0-based) still."""
    return Drawing(Pose(pose)).svg(frame)
