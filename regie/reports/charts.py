"""The planning timeline and the risk heat map as PNG images, for Word.

The geometry is the one the pages draw as SVG (regie.planning.timeline, regie.risks.queries
heat_map); here Pillow paints it, at SCALE times the size so it stays sharp when Word prints
it. The text is set in DejaVu Sans (installed by `make install`, and the font of the PDFs):
Pillow's own font has no accented letters, and Dutch titles have them ("energiestrategieën").

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
# The timelines (many per report, 17 cm wide in Word) at 1.5 times: 250 dpi in print, and
# half the pixels to encode of SCALE 2.
TIMELINE_SCALE = 1.5
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


FONT_FILE = "DejaVuSans.ttf"


@cache
def _font_px(pixels: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT_FILE, pixels)  # Pillow searches the system's font dirs
    except OSError:
        return ImageFont.load_default(size=pixels)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return _font_px(size * SCALE)


def _s(value: float) -> int:
    return round(value * SCALE)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette_image(colours: list[str], greys: range) -> Image.Image:
    rgb = list(dict.fromkeys(_rgb(c) for c in colours))
    rgb += [(g, g, g) for g in greys if (g, g, g) not in rgb]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in rgb for channel in colour])
    return palette


@cache
def _palette() -> Image.Image:
    """Every colour the charts draw, white and black, and greys for the smoothed text."""
    colours = [WHITE, INK, TICK, TODAY, MILESTONE_COLOUR, DECISION_COLOUR, "#000000"]
    colours += [*BAR_COLOURS.values(), *(band[3] for band in BANDS)]
    return _palette_image(colours, range(16, 256, 16))


@cache
def _timeline_palette() -> Image.Image:
    """The timeline's colours and greys in at most 16 entries: a 4-bit PNG."""
    colours = [WHITE, INK, TICK, TODAY, MILESTONE_COLOUR, DECISION_COLOUR]
    palette = _palette_image([*colours, *BAR_COLOURS.values()], range(58, 250, 32))
    assert len(palette.getpalette() or []) <= 16 * 3
    return palette


def _png(image: Image.Image) -> bytes:
    """The RGB drawing as a palette PNG (exact for the flat chart colours)."""
    flat = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    out = io.BytesIO()
    flat.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def bar_colour(status: str) -> str:
    return BAR_COLOURS.get(status, BAR_COLOURS["planned"])


@cache
def _index() -> dict[str, int]:
    """Palette index of each chart colour, for drawing straight onto a palette image."""
    colours = _timeline_palette().getpalette() or []
    rgb = [tuple(colours[i : i + 3]) for i in range(0, len(colours), 3)]
    names = [WHITE, INK, TICK, TODAY, MILESTONE_COLOUR, DECISION_COLOUR, *BAR_COLOURS.values()]
    return {name: rgb.index(_rgb(name)) for name in names}


_glyphs: dict[
    tuple[str, float], tuple[Image.Image | None, Image.Image | None, int, int, float]
] = {}


def _t(value: float) -> int:
    return round(value * TIMELINE_SCALE)


def _glyph(char: str, size: float):
    """One character in INK on white as a palette image with its mask, offset and advance:
    rendered once, pasted for every label (FreeType does not cache, and a report draws
    thousands of labels)."""
    key = (char, size)
    if key not in _glyphs:
        font = _font_px(size * TIMELINE_SCALE)
        mask, (dx, dy) = font.getmask2(char, mode="L", anchor="ls")
        advance = font.getlength(char)
        if mask.size[0] == 0 or mask.size[1] == 0:
            _glyphs[key] = (None, None, dx, dy, advance)
        else:
            alpha = Image.frombytes("L", mask.size, bytes(mask))
            rgb = Image.new("RGB", mask.size, WHITE)
            rgb.paste(INK, (0, 0), alpha)
            glyph = rgb.quantize(palette=_timeline_palette(), dither=Image.Dither.NONE)
            _glyphs[key] = (glyph, alpha.point(lambda v: 255 if v else 0, "1"), dx, dy, advance)
    return _glyphs[key]


def _text(image: Image.Image, xy: tuple[int, int], text: str, size: float = 11) -> None:
    """Text in INK on the white of a palette image, left on the baseline at xy."""
    x, y = float(xy[0]), xy[1]
    for char in text:
        glyph, mask, dx, dy, advance = _glyph(char, size)
        if glyph is not None:
            image.paste(glyph, (round(x) + dx, y + dy), mask)
        x += advance


def _text_width(text: str, size: float = 11) -> float:
    return sum(_glyph(char, size)[4] for char in text)


def timeline_png(timeline: Timeline, *, loose_label: str = "Mijlpalen van het plan") -> bytes:
    """Drawn straight onto a palette image, the text pasted from cached smoothed glyphs: a
    report of thousands of activities draws a hundred of these."""
    ink = _index()
    image = Image.new("P", (_t(timeline.width), _t(timeline.height)), ink[WHITE])
    image.putpalette(_timeline_palette().getpalette() or [])
    draw = ImageDraw.Draw(image)
    for tick in timeline.ticks:
        draw.line(
            [(_t(tick.x), _t(16)), (_t(tick.x), _t(timeline.height))], fill=ink[TICK], width=1
        )
        x = _t(tick.x + 2)
        if x + _text_width(tick.label) <= image.width:  # the last month may start at the edge
            _text(image, (x, _t(12)), tick.label)
    if timeline.loose_row_y:
        _text(image, (0, _t(timeline.loose_row_y + 4)), loose_label)
    for bar in timeline.bars:
        _text(image, (0, _t(bar.text_y)), bar.label)
        draw.rectangle(
            [_t(bar.x), _t(bar.y), _t(bar.x + bar.width) - 1, _t(bar.y + BAR_HEIGHT) - 1],
            fill=ink[bar_colour(bar.status)],
        )
    for marker in timeline.markers:
        x, y, r = _t(marker.x), _t(marker.y), _t(MARKER)
        if marker.kind == "decision_moment":
            draw.polygon(
                [(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=ink[DECISION_COLOUR]
            )
        else:
            r = _t(5)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=ink[MILESTONE_COLOUR])
    if timeline.today_x is not None:
        x = _t(timeline.today_x)
        y, end = _t(16), _t(timeline.height)
        while y < end:  # dashed, as on the page
            draw.rectangle(
                [x - 1, y, x, min(y + _t(4), end)],
                fill=ink[TODAY],
            )
            y += _t(7)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


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
