"""The kit a figure uses: benches and boxes, a wall, bars, bands, weights, a ball, a mat.

A prop is either fixed in the room (`x`, `y`, `width`, `height` in the figure's
centimetres) or held: `at = "near-hand"` puts it on that joint in every
position. Each prop draws itself as path data whose commands are the same in
every position (only the numbers move), so one SMIL `<animate>` can move it,
and says how far a point is from the surface a body part may rest on.
"""

import math
from dataclasses import dataclass, field

from exercises.figures.skeleton import FRONT, Body, PoseError, add, direction, limb_angle

PLATE_RADIUS = 22.5  # a 45 cm bumper plate
BALL_RADIUS = 30.0  # a 60 cm stability ball
BENCH_HEIGHT = 45.0
WALL_HEIGHT = 205.0


def circle(point, radius, fmt) -> str:
    x, y = point
    return (
        f"M{fmt(x - radius, y)}a{fmt(radius)} {fmt(radius)} 0 1 0 {fmt(2 * radius)} 0"
        f"a{fmt(radius)} {fmt(radius)} 0 1 0 {fmt(-2 * radius)} 0"
    )


def polyline(points, fmt, close=False) -> str:
    head, *rest = points
    return f"M{fmt(*head)}" + "".join(f"L{fmt(*p)}" for p in rest) + ("Z" if close else "")


def rect(x0, y0, x1, y1, fmt) -> str:
    return polyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], fmt, close=True)


def segment_distance(point, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


@dataclass
class Prop:
    kind: str
    spec: dict
    view: str
    held: bool = field(init=False)

    KINDS = (
        "bench",
        "box",
        "wall",
        "bar",
        "mat",
        "band",
        "dumbbell",
        "kettlebell",
        "barbell",
        "ball",
    )
    # Drawn in front of the body: what the near hand holds or the near shoulder carries.
    IN_FRONT = ("dumbbell", "kettlebell", "barbell", "band")

    def __post_init__(self):
        if self.kind not in self.KINDS:
            raise PoseError(f"unknown prop {self.kind!r}")
        self.held = "at" in self.spec or "under" in self.spec

    def number(self, key, default=None) -> float:
        value = self.spec.get(key, default)
        if value is None:
            raise PoseError(f"{self.kind} needs {key}")
        return float(value)

    @property
    def in_front(self) -> bool:
        return self.kind in self.IN_FRONT and not str(self.spec.get("at", "")).startswith("far")

    def anchor(self, body: Body) -> tuple[float, float]:
        """Where a held prop sits in this position."""
        if "under" in self.spec:  # a ball rolled by the feet: on the floor, under that point
            return body.points[self.spec["under"]][0], BALL_RADIUS
        point = body.points.get(self.spec["at"])
        if point is None:
            raise PoseError(f"{self.kind} at an unknown joint {self.spec['at']!r}")
        dx, dy = self.spec.get("offset", (0, 0))
        return point[0] + dx, point[1] + dy

    def lowest(self, body: Body) -> float:
        """The height of the prop's lowest point: none may go through the floor."""
        if not self.held:
            return 0.0 if self.kind != "bar" else self.number("y") - 3
        y = self.anchor(body)[1]
        if self.kind == "kettlebell":
            return self.kettlebell_centre(body)[1] - 9
        radius = {"barbell": PLATE_RADIUS, "ball": BALL_RADIUS, "dumbbell": 6.0}.get(self.kind, 0)
        return y - radius

    def highest(self, body: Body) -> float:
        """The height of the prop's highest point, so the picture can be cut just above it."""
        if self.held:
            return self.anchor(body)[1] + PLATE_RADIUS
        if self.kind == "band":
            ends = [e for e in (self.spec.get("from"), self.spec.get("to")) if isinstance(e, list)]
            return max((float(end[1]) + 6 for end in ends), default=0.0)
        heights = {
            "bench": self.top,
            "box": self.top,
            "wall": WALL_HEIGHT,
            "bar": self.number("y", 0) + 3,
            "mat": self.number("y", 0) + self.number("height", 2),
        }
        return heights[self.kind]

    def kettlebell_centre(self, body: Body):
        hand = self.anchor(body)
        side = self.spec["at"].partition("-")[0]
        forearm = limb_angle(
            (hand[0] - body.points[f"{side}-elbow"][0], hand[1] - body.points[f"{side}-elbow"][1])
        )
        return add(hand, direction(forearm), float(self.spec.get("reach", 11)))

    def distance(self, point, body: Body) -> float:
        """How far `point` is from the surface of this prop a body part can rest on."""
        if self.kind in ("bench", "box"):
            x, width, height = self.number("x"), self.number("width"), self.top
            return segment_distance(point, (x, height), (x + width, height))
        if self.kind == "wall":
            x = self.number("x")
            return segment_distance(point, (x, 0), (x, WALL_HEIGHT))
        if self.kind == "bar":
            return math.dist(point, (self.number("x"), self.number("y")))
        if self.kind == "ball":
            return math.dist(point, self.anchor(body)) - BALL_RADIUS
        raise PoseError(f"nothing rests on a {self.kind}")

    @property
    def top(self) -> float:
        return self.number("height", BENCH_HEIGHT)

    def path(self, body: Body, fmt) -> str:
        """Path data for this prop in this position."""
        kind = self.kind
        if kind in ("bench", "box"):
            x, width, top = self.number("x"), self.number("width"), self.top
            if kind == "box":
                return rect(x, 0, x + width, top, fmt)
            return (
                rect(x, top - 5, x + width, top, fmt)
                + polyline([(x + 6, top - 5), (x + 6, 0)], fmt)
                + polyline([(x + width - 6, top - 5), (x + width - 6, 0)], fmt)
            )
        if kind == "wall":  # its face at x, the wall itself on the given side
            x = self.number("x")
            thickness = 7 if self.spec.get("side", "left") == "right" else -7
            return rect(x, 0, x + thickness, WALL_HEIGHT, fmt)
        if kind == "mat":  # on the floor, or under a figure seen from above
            x, width = self.number("x"), self.number("width")
            y, height = self.number("y", 0), self.number("height", 2)
            return rect(x, y, x + width, y + height, fmt)
        if kind == "bar":
            x, y, post = self.number("x"), self.number("y"), self.number("post", -40)
            return polyline([(x + post, 0), (x + post, y), (x, y)], fmt) + circle((x, y), 2.5, fmt)
        if kind == "band":
            return self.band_path(body, fmt)
        if kind == "ball":
            return circle(self.anchor(body), BALL_RADIUS, fmt)
        if kind == "kettlebell":
            hand = self.anchor(body)
            return circle(self.kettlebell_centre(body), 9, fmt) + circle(hand, 4, fmt)
        centre = self.anchor(body)
        if kind == "barbell":
            if self.view == FRONT:
                x, y = centre
                return (
                    polyline([(x - 70, y), (x + 70, y)], fmt)
                    + rect(x - 62, y - PLATE_RADIUS, x - 54, y + PLATE_RADIUS, fmt)
                    + rect(x + 54, y - PLATE_RADIUS, x + 62, y + PLATE_RADIUS, fmt)
                )
            return circle(centre, PLATE_RADIUS, fmt) + circle(centre, 3, fmt)
        return self.dumbbell_path(centre, fmt)

    def dumbbell_path(self, centre, fmt) -> str:
        if self.spec.get("end"):  # seen end on: one round head
            return circle(centre, 6, fmt) + circle(centre, 1.5, fmt)
        along = direction(float(self.spec.get("angle", 90)))
        square = (-along[1], along[0])

        def head(sign):
            middle = add(centre, along, 9 * sign)
            corners = [
                add(add(middle, along, -2.5), square, 6),
                add(add(middle, along, 2.5), square, 6),
                add(add(middle, along, 2.5), square, -6),
                add(add(middle, along, -2.5), square, -6),
            ]
            return polyline(corners, fmt, close=True)

        handle = polyline([add(centre, along, -7), add(centre, along, 7)], fmt)
        return handle + head(-1) + head(1)

    def band_path(self, body: Body, fmt) -> str:
        ends = []
        post = ""
        for key in ("from", "to"):
            end = self.spec.get(key)
            if isinstance(end, str):
                if end not in body.points:
                    raise PoseError(f"band to an unknown joint {end!r}")
                ends.append(body.points[end])
            elif isinstance(end, list | tuple) and len(end) == 2:
                ends.append((float(end[0]), float(end[1])))
                post = polyline([(ends[-1][0], 0), (ends[-1][0], ends[-1][1] + 6)], fmt)
            else:
                raise PoseError("a band runs from and to a joint or a fixed [x, y]")
        return post + polyline(ends, fmt)
