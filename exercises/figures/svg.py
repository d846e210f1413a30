"""The SVG writer: one figure, animated from position to position, or one position still.

Every response carries a strict Content Security Policy, so the drawing uses
presentation attributes only (no `<style>`, no `style=`), and the animation is
SMIL inside the file: each path's `d` moves through the positions, holding
each one a moment. Coordinates are rounded to a tenth so a figure stays a
couple of kilobytes.
"""

from functools import cached_property
from itertools import pairwise
from xml.sax.saxutils import quoteattr

from exercises.figures.drawing import Pose
from exercises.figures.skeleton import HEAD_RADIUS, SIDE

WIDTH, HEIGHT = 260, 250
FLOOR = 238  # the floor's y in the drawing; the body's y runs upwards from it
MARGIN = 6
HOLD_SECONDS, MOVE_SECONDS = 0.8, 0.9
EASE, STILL = "0.45 0 0.55 1", "0 0 1 1"

INK = "#1d2b27"  # the site's body text colour
MUTED = "#a3b0ab"  # the far-side limbs in a side view
ACCENT = "#f0b400"  # --rs-accent in static/css/site.css: what the exercise works
PROP_LINE, PROP_FILL = "#5c6b66", "#e6ece9"
BAND = "#0b5d4b"  # --rs-brand

LINE = {"fill": "none", "stroke-linecap": "round", "stroke-linejoin": "round"}
STYLES = {
    "floor": {"stroke": PROP_LINE, "stroke-width": "1.5"},
    "prop": {
        "fill": PROP_FILL,
        "stroke": PROP_LINE,
        "stroke-width": "2",
        "stroke-linejoin": "round",
    },
    "prop-line": {**LINE, "stroke": PROP_LINE, "stroke-width": "3"},
    "band": {**LINE, "stroke": BAND, "stroke-width": "2.5"},
    "muted": {**LINE, "stroke": MUTED, "stroke-width": "5"},
    "ink": {**LINE, "stroke": INK, "stroke-width": "5"},
    "outline": {**LINE, "stroke": INK, "stroke-width": "8"},
    "accent": {**LINE, "stroke": ACCENT, "stroke-width": "4"},
    "far-outline": {**LINE, "stroke": MUTED, "stroke-width": "8"},
    "far-accent": {**LINE, "stroke": ACCENT, "stroke-width": "4"},
    "head": {"fill": "#fff", "stroke": INK, "stroke-width": "4"},
    "joint": {**LINE, "stroke": INK, "stroke-width": "7.5"},
    "joint-muted": {**LINE, "stroke": MUTED, "stroke-width": "7.5"},
    "joint-core": {**LINE, "stroke": "#fff", "stroke-width": "3"},
}


def number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Drawing:
    """A pose placed on the page: centred, with the floor near the bottom."""

    def __init__(self, pose: Pose):
        self.pose = pose
        xs = [x for frame in pose.frames for x, _ in frame.body.points.values()]
        self.shift = WIDTH / 2 - (min(xs) + max(xs)) / 2
        self.lift = 0.0  # seen from above: centred up and down too
        if not pose.floor:
            ys = [y for frame in pose.frames for _, y in frame.body.points.values()]
            self.lift = (FLOOR - HEIGHT / 2) - (min(ys) + max(ys)) / 2

    @cached_property
    def top(self) -> float:
        """Where the picture starts: just above the highest point of body and kit, so a
        figure lying on the floor is not a short strip at the bottom of a tall picture.
        Every figure keeps one scale and width."""
        highest = FLOOR - self.lift
        for index, frame in enumerate(self.pose.frames):
            highest = min(highest, *(y for _, y in self.points(index).values()))
            for prop in self.pose.props:
                highest = min(highest, self.to_page(0, prop.highest(frame.body))[1])
        return max(0.0, round(highest - HEAD_RADIUS - MARGIN))

    @property
    def height(self) -> float:
        return HEIGHT - self.top

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        return round(x + self.shift, 1), round(FLOOR - y - self.lift, 1)

    def fmt(self, *values: float) -> str:
        """Numbers for path data: a point (x, y) goes onto the page, one number is a length."""
        if len(values) == 2:
            return " ".join(map(number, self.to_page(*values)))
        return number(values[0])

    def points(self, index: int) -> dict[str, tuple[float, float]]:
        """Every joint of one position in page coordinates, as the SVG holds them."""
        return {
            name: self.to_page(*point)
            for name, point in self.pose.frames[index].body.points.items()
        }

    def layers(self, index: int) -> list[tuple[str, str]]:
        """(style, path data) from back to front for one position."""
        pose, body = self.pose, self.pose.frames[index].body
        groups = {
            name: [] for name in ("muted", "far-outline", "far-accent", "ink", "outline", "accent")
        }
        for name, joints in pose.segments.items():
            far = pose.view == SIDE and name.startswith("far-")
            if pose.highlighted(name):
                targets = ("far-outline", "far-accent") if far else ("outline", "accent")
            else:
                targets = ("muted",) if far else ("ink",)
            path = "M" + "L".join(self.fmt(*body.points[joint]) for joint in joints)
            for target in targets:
                groups[target].append(path)
        behind = [p for p in pose.props if not p.in_front]
        in_front = [p for p in pose.props if p.in_front]
        joints_near = [j for j in pose.joints if not (pose.view == SIDE and j.startswith("far-"))]
        joints_far = [j for j in pose.joints if j not in joints_near]
        dots = {
            "joint": "".join(f"M{self.fmt(*body.points[j])}h0" for j in joints_near),
            "joint-muted": "".join(f"M{self.fmt(*body.points[j])}h0" for j in joints_far),
        }
        head = body.points["head"]
        layers = [(self.prop_style(p), p.path(body, self.fmt)) for p in behind]
        layers += [
            (style, "".join(groups[style])) for style in ("muted", "far-outline", "far-accent")
        ]
        layers += [("joint-muted", dots["joint-muted"]), ("joint-core", dots["joint-muted"])]
        layers += [(style, "".join(groups[style])) for style in ("ink", "outline", "accent")]
        layers += [("head", self.circle(head))]
        layers += [("joint", dots["joint"]), ("joint-core", dots["joint"])]
        layers += [(self.prop_style(p), p.path(body, self.fmt)) for p in in_front]
        return [(style, d) for style, d in layers if d]

    def circle(self, centre) -> str:
        from exercises.figures.props import circle

        return circle(centre, HEAD_RADIUS, self.fmt)

    @staticmethod
    def prop_style(prop) -> str:
        return {"band": "band", "bar": "prop-line"}.get(prop.kind, "prop")

    def timeline(self) -> list[int]:
        """The positions in the order the animation shows them, back to the first."""
        count = len(self.pose.frames)
        forth = list(range(count))
        back = [0] if self.pose.cycle or count == 2 else list(range(count - 2, -1, -1))
        return forth + back

    def animation(self, values: list[str]) -> str:
        order = self.timeline()
        steps = [values[order[0]]]
        splines = []
        for previous, index in pairwise(order):
            steps += [values[previous], values[index]]
            splines += [STILL, EASE]
        times, elapsed = ["0"], 0.0
        total = (len(order) - 1) * (HOLD_SECONDS + MOVE_SECONDS)
        for spline in splines:
            elapsed += HOLD_SECONDS if spline == STILL else MOVE_SECONDS
            times.append(f"{elapsed / total:.3f}".rstrip("0").rstrip("."))
        return (
            f'<animate attributeName="d" dur="{number(total)}s" repeatCount="indefinite" '
            f'calcMode="spline" values="{";".join(steps)}" keyTimes="{";".join(times)}" '
            f'keySplines="{";".join(splines)}"/>'
        )

    def title(self, frame: int | None = None) -> str:
        """The alt text: of one position, or of every position in turn."""
        if frame is not None:
            return self.pose.frames[frame].alt
        return ". ".join(f.alt.rstrip(".") for f in self.pose.frames) + "."

    def svg(self, frame: int | None = None) -> str:
        """The figure animated through its positions, or position `frame` (0-based) still."""
        indexes = range(len(self.pose.frames)) if frame is None else [frame]
        per_frame = [self.layers(index) for index in indexes]
        title = self.title(frame)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {number(self.top)} {WIDTH} '
            f'{number(self.height)}" width="{WIDTH}" height="{number(self.height)}" role="img" '
            f"aria-label={quoteattr(title)}>",
        ]
        if self.pose.floor:
            parts.append(f'<path d="M4 {FLOOR}H{WIDTH - 4}"{attributes(STYLES["floor"])}/>')
        for position, (style, d) in enumerate(per_frame[0]):
            values = [layers[position][1] for layers in per_frame]
            if len(set(values)) == 1:
                parts.append(f'<path d="{d}"{attributes(STYLES[style])}/>')
            else:
                parts.append(
                    f'<path d="{d}"{attributes(STYLES[style])}>{self.animation(values)}</path>'
                )
        parts.append("</svg>")
        return "".join(parts)


def attributes(style: dict[str, str]) -> str:
    return "".join(f' {key}="{value}"' for key, value in style.items())
