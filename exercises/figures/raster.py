"""One position of a figure as a PNG, for link previews (Open Graph), which take no SVG.

Drawn with Pillow from the same layers the SVG writer emits (`Drawing.layers`), so a
preview always shows what the page shows. The path data uses a small subset of SVG:
M, L, H, `h0` (a joint's dot), Z (a closed prop) and pairs of arcs (a circle: the head,
a plate, a ball). Lines get round ends and joins, as the SVG's stroke-linecap says.
The picture is drawn at twice the size and scaled down, for smooth edges.
"""

import io
import re

from PIL import Image, ImageDraw

from exercises.figures.svg import FLOOR, STYLES, WIDTH, Drawing

PREVIEW_SIZE = (1200, 630)  # what Open Graph and large Twitter cards ask for
OVERSAMPLE = 2
PADDING = 40
TOKEN = re.compile(r"[MLHhaZ]|-?\d+(?:\.\d+)?")


def shapes(d: str):
    """("line", [points]), ("polygon", [points]) and ("circle", centre, radius) of path `d`."""
    tokens = TOKEN.findall(d)
    points, index, current = [], 0, (0.0, 0.0)

    def numbers(count):
        nonlocal index
        values = [float(token) for token in tokens[index : index + count]]
        index += count
        return values

    while index < len(tokens):
        command = tokens[index]
        index += 1
        if command == "M":
            if points:
                yield "line", points
            current = tuple(numbers(2))
            points = [current]
        elif command == "L":
            current = tuple(numbers(2))
            points.append(current)
        elif command == "H":
            current = (numbers(1)[0], current[1])
            points.append(current)
        elif command == "h":
            current = (current[0] + numbers(1)[0], current[1])
            points.append(current)
        elif command == "Z":
            yield "polygon", points
            points = []
        elif command == "a":
            radius, _, _, _, _, dx, dy = numbers(7)
            centre = (current[0] + dx / 2, current[1] + dy / 2)
            if dx > 0:  # the first of the two half circles; the second comes back
                yield "circle", centre, radius
            current = (current[0] + dx, current[1] + dy)
            points = []
    if len(points) > 1:
        yield "line", points


def draw_layer(canvas: ImageDraw.ImageDraw, style: dict, d: str, place, scale: float):
    stroke = style.get("stroke")
    width = float(style.get("stroke-width", "1")) * scale
    fill = style.get("fill")
    fill = None if fill in (None, "none") else fill
    for shape in shapes(d):
        if shape[0] == "circle":
            (x, y), radius = place(*shape[1]), shape[2] * scale
            box = [x - radius, y - radius, x + radius, y + radius]
            canvas.ellipse(box, fill=fill, outline=stroke, width=round(width))
            continue
        points = [place(*point) for point in shape[1]]
        if shape[0] == "polygon":
            canvas.polygon(points, fill=fill, outline=stroke, width=round(width))
            continue
        if len(points) > 1:
            canvas.line(points, fill=stroke, width=round(width), joint="curve")
        for x, y in (points[0], points[-1]):  # round caps (a dot when the line has no length)
            r = width / 2
            canvas.ellipse([x - r, y - r, x + r, y + r], fill=stroke)


def preview_png(drawing: Drawing, frame: int) -> bytes:
    """Position `frame` (0-based) centred on a white PREVIEW_SIZE picture."""
    size = (PREVIEW_SIZE[0] * OVERSAMPLE, PREVIEW_SIZE[1] * OVERSAMPLE)
    padding = PADDING * OVERSAMPLE
    scale = min((size[0] - 2 * padding) / WIDTH, (size[1] - 2 * padding) / drawing.height)
    left = (size[0] - WIDTH * scale) / 2
    top = (size[1] - drawing.height * scale) / 2

    def place(x, y):
        return left + x * scale, top + (y - drawing.top) * scale

    image = Image.new("RGB", size, "white")
    canvas = ImageDraw.Draw(image)
    if drawing.pose.floor:
        draw_layer(canvas, STYLES["floor"], f"M4 {FLOOR}H{WIDTH - 4}", place, scale)
    for style, d in drawing.layers(frame):
        draw_layer(canvas, STYLES[style], d, place, scale)
    image = image.resize(PREVIEW_SIZE, Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
