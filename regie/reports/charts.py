"""The planning timeline and the risk heat map as PNG images, for Word.

The geometry is the one the pages draw as SVG (regie.planning.timeline, regie.risks.queries
heat_map); here Pillow paints it, at SCALE times the size so it stays sharp when Word prints
it. Pillow's own font is used, so no system fonts are needed.

The images are drawn in RGB (so the text is smoothed) and stored with a fixed palette of the
chart colours and a grey ramp: a flat chart loses nothing, and a palette PNG is encoded many
times faster and is a tenth of the size, which is what keeps a report of thousands of
activities (one timeline per 40 of them) quick.
"""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from regie.planning.timeline import BAR_HEIGHT, MARKER, Timeline
from regie.risks.queries import BANDS, HeatMap

SCALE = 2
WHITE = "#ffffff"
INK = "#1a1a1a"
TICK = "#d0d0d0"
TODAY = "#b00020"
# The colours of the timeline's stylesheet (regie.css, .regie-timeline).
BAR_COLOURS = {
    "planned": "#4a7fb5",
    "done": "#3b7d3b",
    "in_progress": "#d88a00",
    "cancelled": "#9a9a9a",
}
MILESTONE_COLOUR = INK
DECISION_COLOUR = "#b00020"


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size * SCALE)


def _s(value: float) -> int:
    return round(value * SCALE)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@cache
def _palette() -> Image.Image:
    """Every colour the charts draw, white and black, and greys for the smoothed text."""
    colours = [WHITE, INK, TICK, TODAY, MILESTONE_COLOUR, DECISION_COLOUR, "#000000"]
    colours += [*BAR_COLOURS.values(), *(band[3] for band in BANDS)]
    rgb = list(dict.fromkeys(_rgb(c) for c in colours))
    rgb += [(g, g, g) for g in range(16, 256, 16) if (g, g, g) not in rgb]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in rgb for channel in colour])
    return palette


def _png(image: Image.Image) -> bytes:
    """The RGB drawing as a palette PNG (exact for the flat chart colours)."""
    flat = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    out = io.BytesIO()
    flat.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def bar_colour(status: str) -> str:
    return BAR_COLOURS.get(status, BAR_COLOURS["planned"])


def timeline_png(timeline: Timeline, *, loose_label: str = "Mijlpalen van het plan") -> bytes:
    image = Image.new("RGB", (_s(timeline.width), _s(timeline.height)), WHITE)
    draw = ImageDraw.Draw(image)
    small = _font(11)
    for tick in timeline.ticks:
        draw.line([(_s(tick.x), _s(16)), (_s(tick.x), _s(timeline.height))], fill=TICK, width=1)
        draw.text((_s(tick.x + 2), _s(12)), tick.label, fill=INK, font=small, anchor="ls")
    if timeline.loose_row_y:
        draw.text((0, _s(timeline.loose_row_y + 4)), loose_label, fill=INK, font=small, anchor="ls")
    for bar in timeline.bars:
        draw.text((0, _s(bar.text_y)), bar.label, fill=INK, font=small, anchor="ls")
        draw.rectangle(
            [_s(bar.x), _s(bar.y), _s(bar.x + bar.width) - 1, _s(bar.y + BAR_HEIGHT) - 1],
            fill=bar_colour(bar.status),
        )
    for marker in timeline.markers:
        x, y, r = _s(marker.x), _s(marker.y), _s(MARKER)
        if marker.kind == "decision_moment":
            draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=DECISION_COLOUR)
        else:
            r = _s(5)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=MILESTONE_COLOUR)
    if timeline.today_x is not None:
        x = _s(timeline.today_x)
        y, end = _s(16), _s(timeline.height)
        while y < end:  # dashed, as on the page
            draw.line([(x, y), (x, min(y + _s(4), end))], fill=TODAY, width=SCALE)
            y += _s(7)
    return _png(image)


def _with_arrow(draw, xy, text: str, font, anchor: str) -> None:
    """The text followed by an arrow pointing on (drawn: Pillow's font has no arrow glyph)."""
    draw.text(xy, text, fill=INK, font=font, anchor=anchor)
    _left, top, right, bottom = draw.textbbox(xy, text, font=font, anchor=anchor)
    middle = (top + bottom) // 2
    start, end = right + _s(5), right + _s(19)
    draw.line([(start, middle), (end - _s(3), middle)], fill=INK, width=SCALE)
    head = _s(4)
    draw.polygon(
        [(end, middle), (end - head * 2, middle - head), (end - head * 2, middle + head)], fill=INK
    )


def heatmap_png(heat: HeatMap, *, impact: str = "impact", probability: str = "kans") -> bytes:
    image = Image.new("RGB", (_s(heat.width), _s(heat.height)), WHITE)
    draw = ImageDraw.Draw(image)
    count_font, axis_font = _font(22), _font(16)
    for row in heat.rows:
        for cell in row:
            x, y = cell.x, cell.y
            draw.rectangle(
                [_s(x), _s(y), _s(x + heat.cell) - 1, _s(y + heat.cell) - 1],
                fill=cell.colour,
                outline=WHITE,
                width=SCALE * 2,
            )
            if cell.count:
                draw.text(
                    (_s(x + heat.label_dx), _s(y + heat.cell / 2)),
                    str(cell.count),
                    fill=WHITE if cell.band == "very_high" else "#000000",
                    font=count_font,
                    anchor="mm",
                )
        first = row[0]
        draw.text(
            (_s(heat.margin - 8), _s(first.y + heat.cell / 2)),
            str(first.probability),
            fill=INK,
            font=axis_font,
            anchor="rm",
        )
    for cell in heat.rows[-1]:
        draw.text(
            (_s(cell.x + heat.label_dx), _s(heat.impact_axis_y)),
            str(cell.impact),
            fill=INK,
            font=axis_font,
            anchor="ms",
        )
    _with_arrow(draw, (_s(heat.impact_title_x), _s(heat.axis_title_y)), impact, axis_font, "ms")
    # the probability axis title, turned a quarter to read upwards
    label = Image.new("RGB", (_s(heat.axis_middle * 2), _s(20)), WHITE)
    _with_arrow(
        ImageDraw.Draw(label), (label.width // 2, label.height // 2), probability, axis_font, "mm"
    )
    turned = label.rotate(90, expand=True)
    image.paste(turned, (_s(4), 0))
    return _png(image)
