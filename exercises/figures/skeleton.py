"""A simple human figure: constant limb lengths, joint angles, forward kinematics.

Units are centimetres of a 177 cm runner; x runs the way the figure faces
(or to the viewer's right, in a front view), y is height above the floor.
Every segment's direction is an angle in degrees measured from straight
down, positive towards +x: a leg hanging straight is 0, a thigh lifted level
in front is 90, an arm reaching overhead is 180. The torso and the neck are
measured from straight up instead (positive leans forwards), because that is
how a coach talks about them ("torso at 45 degrees").

A limb is given either as the angles of its two segments, `[thigh, shin]`,
or by where its end must be, `{to = [x, y]}` (the ankle, or the hand): then
the knee or elbow is placed by two-bone inverse kinematics, bending the way
the joint bends. Either way the limbs keep their lengths, so every position
of one figure is the same body.
"""

import math
from dataclasses import dataclass

SIDE, FRONT = "side", "front"
SIDES = ("near", "far")

TORSO = 52.0  # pelvis to shoulders
NECK = 20.0  # shoulders to the centre of the head
HEAD_RADIUS = 10.0
THIGH = 44.0
SHIN = 43.0
UPPER_ARM = 30.0
FOREARM = 34.0  # elbow to the middle of the hand, where it grips
LENGTHS = {
    "torso": TORSO,
    "neck": NECK,
    "thigh": THIGH,
    "shin": SHIN,
    "upper-arm": UPPER_ARM,
    "forearm": FOREARM,
}
HIP_HALF_WIDTH = 9.0  # front view only
SHOULDER_HALF_WIDTH = 18.0
ANKLE_HEIGHT = 8.0
# The foot as a rigid triangle, relative to the ankle when it stands flat.
FOOT = {
    SIDE: {"heel": (-5.0, -ANKLE_HEIGHT), "toe": (15.0, -ANKLE_HEIGHT)},
    FRONT: {"heel": (-3.0, -ANKLE_HEIGHT), "toe": (7.0, -ANKLE_HEIGHT)},  # inner, outer edge
}

# How far a joint's line sits above what it rests on: the body is drawn as its
# centre line, and a hip lying on the floor is not at floor level.
CLEARANCE = {
    "head": HEAD_RADIUS,
    "shoulder": 8.0,
    "pelvis": 10.0,
    "hip": 10.0,
    "knee": 5.0,
    "elbow": 4.0,
    "hand": 3.0,
    "ankle": 5.0,
    "heel": 0.0,
    "toe": 0.0,
}

# Human range of each joint, in degrees, from neutral standing (all in one place: the
# plausibility tests hold every position of every figure to them). Sagittal plane
# (side view): flexion positive. Frontal plane (front view): abduction, or the knee and
# elbow bend as drawn, positive. Ranges are an active adult's, not a gymnast's.
JOINT_RANGES = {
    SIDE: {
        # Extension 30 (a long stride) to 150: the thigh against the chest in a deep lunge,
        # the lower back rounding a little (the figure's torso is one rigid line).
        "hip": (-30, 150),
        "knee": (-5, 155),  # a few degrees of hyperextension to heel-to-buttock
        "ankle": (-55, 40),  # plantarflexion 55 (tiptoe) to dorsiflexion 40 (knee over toes)
        "shoulder": (-60, 185),  # extension 60 (arm behind) to arm overhead
        "elbow": (-5, 165),  # passive: a fist at its own shoulder (a bar held on the back)
        "neck": (-50, 70),  # head tipped back to chin on chest
    },
    FRONT: {
        "hip": (-30, 60),  # adduction 30 (a leg across the body) to abduction 60
        "knee": (-5, 155),
        "ankle": (-45, 45),  # inversion and eversion, with the foot flat under a wide leg
        # An arm reaching forwards across the body looks, from the front, far adducted.
        "shoulder": (-150, 185),
        # Seen from the front a forearm can fold either way, by turning the upper arm.
        "elbow": (-150, 150),
        "neck": (-45, 45),  # side tilt
    },
}


class PoseError(ValueError):
    """A pose description the renderer cannot draw."""


def direction(angle: float) -> tuple[float, float]:
    """The unit vector of a limb angle (0 is straight down, positive towards +x)."""
    radians = math.radians(angle)
    return math.sin(radians), -math.cos(radians)


def upward(lean: float) -> tuple[float, float]:
    """The unit vector of a torso or neck lean (0 is straight up)."""
    radians = math.radians(lean)
    return math.sin(radians), math.cos(radians)


def limb_angle(vector: tuple[float, float]) -> float:
    return math.degrees(math.atan2(vector[0], -vector[1]))


def normalised(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


def add(point, vector, scale=1.0):
    return point[0] + vector[0] * scale, point[1] + vector[1] * scale


def rotate(vector, degrees):
    radians = math.radians(degrees)
    cos, sin = math.cos(radians), math.sin(radians)
    return vector[0] * cos - vector[1] * sin, vector[0] * sin + vector[1] * cos


def two_bone(root, target, first, second, bend_sign) -> tuple[float, float]:
    """Angles of two segments from `root` whose end reaches `target`.

    `bend_sign` picks which of the two solutions: +1 when the joint between
    them bends the way a knee bends in side view (the first angle larger).
    A target out of reach is reached for in a straight line (and then the
    plausibility tests catch the gap).
    """
    dx, dy = target[0] - root[0], target[1] - root[1]
    reach = math.hypot(dx, dy)
    if reach < 1e-9:
        raise PoseError("a limb's end is placed on its own root")
    reach = min(reach, first + second - 1e-6)
    reach = max(reach, abs(first - second) + 1e-6)
    base = limb_angle((dx, dy))
    cos_inner = (first**2 + reach**2 - second**2) / (2 * first * reach)
    inner = math.degrees(math.acos(max(-1.0, min(1.0, cos_inner))))
    angle_first = base + bend_sign * inner
    elbow = add(root, direction(angle_first), first)
    angle_second = limb_angle((target[0] - elbow[0], target[1] - elbow[1]))
    return angle_first, angle_second


@dataclass(frozen=True)
class Body:
    """One position: every joint's point and every joint's angle."""

    points: dict[str, tuple[float, float]]
    angles: dict[str, float]  # "near-knee": 95.0, …, in the view's convention


def side_sign(view: str, side: str) -> int:
    """+1 where a joint's positive direction is +x: both sides in side view, the far
    (viewer's right) side in front view; the near side of a front view is mirrored."""
    return -1 if view == FRONT and side == "near" else 1


def limb(spec, *, root, first, second, sign, name, end=None) -> tuple[float, float]:
    """The two segment angles of a limb given as angles or by where its end goes.

    A leg may also be placed by its toe or heel (`{toe = [x, y]}`): `end` maps
    those to the ankle, given the foot's angle.
    """
    if isinstance(spec, dict):
        if len(spec) != 1 or not set(spec) <= {"to", *(end or {})}:
            raise PoseError(f"{name}: give angles [a, b] or {{to = [x, y]}}")
        ((key, target),) = spec.items()
        target = (float(target[0]), float(target[1]))
        if key != "to":
            target = add(target, end[key], -1)
        return two_bone(root, target, first, second, sign)
    if len(spec) != 2:
        raise PoseError(f"{name}: two angles, one per segment")
    return float(spec[0]), float(spec[1])


def mirrored(spec):
    """The other side's limb in a front view, when only one side is given."""
    if isinstance(spec, dict):
        raise PoseError("a front view needs both sides when one is placed by position")
    return [-spec[0], -spec[1]]


def segment_lengths(scale: dict | None = None) -> dict[str, float]:
    """Each segment's drawn length. A segment that points at the viewer in every
    position (the shins of a kneeling figure seen from behind) is drawn shorter by
    its `scale`, the same in every position, so the figure stays one body."""
    scale = scale or {}
    unknown = set(scale) - set(LENGTHS)
    if unknown:
        raise PoseError(f"no segment called {sorted(unknown)}")
    if any(not 0.05 <= float(factor) <= 1 for factor in scale.values()):
        raise PoseError("a segment is drawn at 0.05 to 1 times its length")
    return {name: length * float(scale.get(name, 1)) for name, length in LENGTHS.items()}


def solve(view: str, frame: dict, lengths: dict[str, float] | None = None) -> Body:
    """Forward kinematics of one frame of a pose description."""
    lengths = lengths or LENGTHS
    if view not in JOINT_RANGES:
        raise PoseError(f"unknown view {view!r}")
    try:
        pelvis = (float(frame["pelvis"][0]), float(frame["pelvis"][1]))
    except (KeyError, TypeError, IndexError) as error:
        raise PoseError("every frame needs pelvis = [x, y]") from error
    torso = float(frame.get("torso", 0))
    neck = float(frame.get("neck", torso))
    shoulder = add(pelvis, upward(torso), lengths["torso"])
    head = add(shoulder, upward(neck), lengths["neck"])
    points = {"pelvis": pelvis, "shoulder": shoulder, "head": head}
    angles = {"neck": normalised(neck - torso)}
    across = rotate(upward(torso), -90)  # towards +x, square to the torso
    for side in SIDES:
        sign = side_sign(view, side)
        width = sign if view == FRONT else 0
        hip = add(pelvis, across, HIP_HALF_WIDTH * width)
        shoulder_point = add(shoulder, across, SHOULDER_HALF_WIDTH * width)
        other = "far" if side == "near" else "near"
        leg_key, foot_key = f"{side}-leg", f"{side}-foot"
        if leg_key not in frame:  # one leg given: the other is the same (side view) or mirrored
            leg_key, foot_key = f"{other}-leg", f"{other}-foot"
        leg_spec = frame.get(leg_key, [0, 0])
        arm_spec = frame.get(f"{side}-arm", frame.get(f"{other}-arm", [0, 0]))
        if view == FRONT and leg_key != f"{side}-leg":
            leg_spec = mirrored(leg_spec)
        if view == FRONT and f"{side}-arm" not in frame:
            arm_spec = mirrored(arm_spec)
        # A foot not given stands flat when the leg is placed on something, and otherwise
        # hangs at a neutral ankle.
        if foot_key in frame:
            foot = float(frame[foot_key]) * (
                -1 if view == FRONT and foot_key != f"{side}-foot" else 1
            )
        elif isinstance(leg_spec, dict):
            foot = 0.0
        else:
            foot = float(leg_spec[1])
        heel_vector, toe_vector = FOOT[view]["heel"], FOOT[view]["toe"]
        if sign < 0:
            heel_vector, toe_vector = (
                (-heel_vector[0], heel_vector[1]),
                (-toe_vector[0], toe_vector[1]),
            )
        heel_vector, toe_vector = rotate(heel_vector, foot), rotate(toe_vector, foot)
        thigh, shin = limb(
            leg_spec,
            root=hip,
            first=lengths["thigh"],
            second=lengths["shin"],
            sign=sign,
            name=f"{side}-leg",
            end={"toe": toe_vector, "heel": heel_vector},
        )
        upper, fore = limb(
            arm_spec,
            root=shoulder_point,
            first=lengths["upper-arm"],
            second=lengths["forearm"],
            sign=-sign,  # an elbow folds the other way from a knee
            name=f"{side}-arm",
        )
        knee = add(hip, direction(thigh), lengths["thigh"])
        ankle = add(knee, direction(shin), lengths["shin"])
        elbow = add(shoulder_point, direction(upper), lengths["upper-arm"])
        hand = add(elbow, direction(fore), lengths["forearm"])
        heel = add(ankle, heel_vector)
        toe = add(ankle, toe_vector)
        points |= {
            f"{side}-hip": hip,
            f"{side}-knee": knee,
            f"{side}-ankle": ankle,
            f"{side}-heel": heel,
            f"{side}-toe": toe,
            f"{side}-shoulder": shoulder_point,
            f"{side}-elbow": elbow,
            f"{side}-hand": hand,
        }
        angles |= {
            f"{side}-hip": sign * normalised(thigh + torso),
            f"{side}-knee": sign * normalised(thigh - shin),
            f"{side}-ankle": sign * normalised(foot - shin),
            f"{side}-shoulder": sign * normalised(upper + torso),
            f"{side}-elbow": sign * normalised(fore - upper),
        }
    return Body(points=points, angles=angles)


def out_of_range(view: str, body: Body) -> list[str]:
    """The joints of `body` outside human range, as "near-knee 162°" strings."""
    found = []
    for joint, angle in body.angles.items():
        low, high = JOINT_RANGES[view][joint.rpartition("-")[2]]
        angle = (angle - low) % 360 + low  # an arm overhead is 180 degrees, never -180
        if not angle <= high:
            found.append(f"{joint} {angle:.0f}° (range {low}…{high})")
    return found
