"""A pose description read and checked: its view, props and positions ("frames").

The description is plain data (TOML in `exercises/content/poses.toml`, JSON on
`ExerciseFigure.pose`):

    view = "side"                  # or "front"
    floor = true                   # false: seen from above, lying on a mat
    scale = {shin = 0.2}           # segments pointing at the viewer, drawn shorter
    highlight = ["near-leg"]       # what works: torso, near-/far-leg, -arm, -thigh, …
    props = [{kind = "bench", x = 40, width = 60}]
    cycle = false                  # true: loop 1→2→3→1; false: 1→2→3→2→1

    [[frame]]
    label = "bottom"
    alt = "Goblet squat, bottom: …"
    pelvis = [-20, 52]
    torso = 30
    near-leg = {to = [0, 8]}
    near-arm = [60, 150]
    support = ["near-heel", "near-toe", "far-heel", "far-toe"]

`support` names the points that rest on something: a joint ("near-hand") on
the floor, or on a prop ("near-heel@bench"), or a held prop on the floor
("barbell"). skeleton.py describes the angles.
"""

from dataclasses import dataclass

from exercises.figures.props import Prop
from exercises.figures.skeleton import FRONT, SIDE, SIDES, Body, PoseError, segment_lengths, solve

SEGMENTS = {
    "torso": ("pelvis", "shoulder"),
    "neck": ("shoulder", "head"),
    **{
        f"{side}-{name}": tuple(f"{side}-{joint}" for joint in joints)
        for side in SIDES
        for name, joints in {
            "thigh": ("hip", "knee"),
            "shin": ("knee", "ankle"),
            "foot": ("ankle", "heel", "toe", "ankle"),
            "upper-arm": ("shoulder", "elbow"),
            "forearm": ("elbow", "hand"),
        }.items()
    },
}
FRONT_SEGMENTS = {"hips": ("near-hip", "far-hip"), "shoulders": ("near-shoulder", "far-shoulder")}
GROUPS = {
    "torso": ("torso", "hips", "shoulders"),
    **{f"{side}-leg": (f"{side}-thigh", f"{side}-shin", f"{side}-foot") for side in SIDES},
    **{f"{side}-arm": (f"{side}-upper-arm", f"{side}-forearm") for side in SIDES},
}
LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow", "hand")


@dataclass(frozen=True)
class Frame:
    label: str
    alt: str
    body: Body
    support: tuple[str, ...]


class Pose:
    """The figure of one exercise: every position solved, every prop placed."""

    def __init__(self, data: dict):
        if not isinstance(data, dict):
            raise PoseError("a pose is a table")
        self.view = data.get("view", SIDE)
        if self.view not in (SIDE, FRONT):
            raise PoseError(f"view is 'side' or 'front', not {self.view!r}")
        self.props = [Prop(spec.get("kind", ""), spec, self.view) for spec in data.get("props", [])]
        self.highlight = tuple(data.get("highlight", ()))
        # False for a figure seen from above, lying on the floor (the page is the floor).
        self.floor = bool(data.get("floor", True))
        self.lengths = segment_lengths(data.get("scale"))
        self.cycle = bool(data.get("cycle", False))
        frames = data.get("frame", [])
        if len(frames) < 2:
            raise PoseError("a figure needs at least two positions, start and end")
        self.frames = [
            Frame(
                label=str(frame.get("label", "")),
                alt=str(frame.get("alt", "")),
                body=solve(self.view, frame, self.lengths),
                support=tuple(frame.get("support", ())),
            )
            for frame in frames
        ]
        unknown = set(self.highlight) - set(GROUPS) - set(self.segments)
        if unknown:
            raise PoseError(f"unknown highlight {sorted(unknown)}")
        for frame in self.frames:
            for prop in self.props:
                prop.path(frame.body, lambda *numbers: "")  # every prop can be placed

    @property
    def segments(self) -> dict[str, tuple[str, ...]]:
        return SEGMENTS | (FRONT_SEGMENTS if self.view == FRONT else {})

    def highlighted(self, segment: str) -> bool:
        return segment in self.highlight or any(
            segment in GROUPS[group] for group in self.highlight if group in GROUPS
        )

    def prop(self, kind: str) -> Prop:
        for prop in self.props:
            if prop.kind == kind:
                return prop
        raise PoseError(f"no {kind} in this figure")

    @property
    def joints(self) -> tuple[str, ...]:
        """The joints drawn as dots."""
        shared = ("pelvis", "shoulder") if self.view == SIDE else ()
        return shared + tuple(f"{side}-{joint}" for side in SIDES for joint in LIMB_JOINTS)
