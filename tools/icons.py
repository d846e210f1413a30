"""Draw the app icons (static/img/icon-*.png) from the favicon's barbell mark.

The PNGs are committed; run `python -m tools.icons` again only when the mark
changes. The geometry is the favicon's (a 32-unit square), scaled: "any"
icons keep its rounded square, the maskable one fills the whole square and
shrinks the bar into the safe zone (the inner 80 %) that launchers keep.
"""

from pathlib import Path

from PIL import Image, ImageDraw

IMG = Path(__file__).resolve().parents[1] / "static" / "img"
GREEN, WHITE, GOLD = "#0b5d4b", "#ffffff", "#f0b400"
# (x, y, width, height, corner radius, colour) on the favicon's 32-unit grid
MARK = [(6, 14, 20, 4, 1, WHITE), (4, 10, 4, 12, 1, GOLD), (24, 10, 4, 12, 1, GOLD)]


def draw(size: int, *, maskable: bool) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    unit = size / 32
    if maskable:
        pen.rectangle((0, 0, size, size), fill=GREEN)
        scale, offset = unit * 0.7, size * 0.15  # the mark within the inner 70 %
    else:
        pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * unit, fill=GREEN)
        scale, offset = unit, 0
    for x, y, w, h, r, colour in MARK:
        left, top = offset + x * scale, offset + y * scale
        box = (left, top, left + w * scale, top + h * scale)
        pen.rounded_rectangle(box, radius=r * scale, fill=colour)
    return image


def main():
    for name, size, maskable in (
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ):
        draw(size, maskable=maskable).save(IMG / name, optimize=True)
        print(IMG / name)


if __name__ == "__main__":
    main()
