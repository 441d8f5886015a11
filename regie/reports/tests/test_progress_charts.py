"""The PNG timeline and heat map for Word: the pixels of known bars, markers and cells."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image

from regie.planning.timeline import BAR_HEIGHT, Bar, Marker, Tick, Timeline
from regie.reports import charts
from regie.risks.queries import CELL, MARGIN, HeatCell, HeatMap, band_of


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _bar(pk: int, status: str, x: float, y: float, width: float) -> Bar:
    return Bar(
        pk=pk,
        title=f"Activiteit {pk}",
        label=f"Activiteit {pk}",
        owner="Olaf",
        start=date(2027, 1, 1),
        end=date(2027, 2, 1),
        status=status,
        status_label=status,
        x=x,
        y=y,
        width=width,
        text_y=y + BAR_HEIGHT - 3,
    )


def _timeline() -> Timeline:
    return Timeline(
        first=date(2027, 1, 1),
        last=date(2027, 12, 31),
        width=1132,
        height=100,
        chart_x=240,
        bars=[_bar(1, "done", 300, 32, 200), _bar(2, "in_progress", 600, 54, 100)],
        markers=[
            Marker("Besluit", date(2027, 6, 1), "decision_moment", "beslismoment", "", 900, 61),
            Marker("Oplevering", date(2027, 7, 1), "milestone", "mijlpaal", "", 1000, 39),
        ],
        ticks=[Tick(x=240, label="jan 2027"), Tick(x=700, label="jul 2027")],
        today_x=800,
    )


def _pixel(png: bytes, x: float, y: float, scale: float = charts.TIMELINE_SCALE):
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.getpixel((round(x * scale), round(y * scale)))


def test_the_timeline_png_has_the_bars_in_their_status_colour_where_the_svg_has_them():
    png = charts.timeline_png(_timeline())
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (round(1132 * charts.TIMELINE_SCALE), round(100 * charts.TIMELINE_SCALE))
    assert _pixel(png, 400, 32 + BAR_HEIGHT / 2) == _rgb(charts.BAR_COLOURS["done"])
    assert _pixel(png, 650, 54 + BAR_HEIGHT / 2) == _rgb(charts.BAR_COLOURS["in_progress"])
    assert _pixel(png, 550, 32 + BAR_HEIGHT / 2) == (255, 255, 255)  # after the first bar
    assert _pixel(png, 900, 61) == _rgb(charts.DECISION_COLOUR)
    assert _pixel(png, 1000, 39) == _rgb(charts.MILESTONE_COLOUR)
    assert _pixel(png, 800, 17) == _rgb(charts.TODAY)  # the dashed line starts at the axis


def test_the_timeline_png_writes_the_activity_labels_left_of_the_chart():
    png = charts.timeline_png(_timeline())
    image = Image.open(io.BytesIO(png)).convert("L")
    scale = charts.TIMELINE_SCALE
    label = image.crop((0, round(32 * scale), round(200 * scale), round(46 * scale)))
    assert label.getextrema()[0] < 100  # dark text in the label column


def _heat(counts: dict[tuple[int, int], int]) -> HeatMap:
    rows = []
    for probability in range(5, 0, -1):
        row = []
        for impact in range(1, 6):
            band, label, colour = band_of(probability * impact)
            row.append(
                HeatCell(
                    probability=probability,
                    impact=impact,
                    count=counts.get((probability, impact), 0),
                    score=probability * impact,
                    band=band,
                    band_label=label,
                    colour=colour,
                    x=MARGIN + (impact - 1) * CELL,
                    y=(5 - probability) * CELL,
                    query="",
                )
            )
        rows.append(row)
    return HeatMap(rows=rows, total=sum(counts.values()))


def test_the_heat_map_png_colours_each_cell_by_its_band_and_prints_the_count():
    png = charts.heatmap_png(_heat({(4, 5): 3}))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (
        (MARGIN + 5 * CELL + 8) * charts.SCALE,
        (5 * CELL + 56) * charts.SCALE,
    )
    # probability 1, impact 1 is the bottom-left cell: low, green
    assert _pixel(png, MARGIN + 8, 4 * CELL + 8, charts.SCALE) == _rgb(band_of(1)[2])
    # probability 5, impact 5 is the top-right cell: very high, dark red
    assert _pixel(png, MARGIN + 4 * CELL + 8, 8, charts.SCALE) == _rgb(band_of(25)[2])
    # probability 4, impact 5 holds three risks: white digits on the very-high red
    x0, y0 = (MARGIN + 4 * CELL) * charts.SCALE, 1 * CELL * charts.SCALE
    cell = image.crop(
        (x0 + 12, y0 + 12, x0 + (CELL - 12) * charts.SCALE, y0 + (CELL - 12) * charts.SCALE)
    )
    assert (255, 255, 255) in {colour for _, colour in cell.getcolors(maxcolors=100000)}
    # an empty cell has no digits: one colour only
    x0, y0 = MARGIN * charts.SCALE, 0
    empty = image.crop(
        (x0 + 12, y0 + 12, x0 + (CELL - 12) * charts.SCALE, y0 + (CELL - 12) * charts.SCALE)
    )
    assert len(empty.getcolors()) == 1


def test_accented_letters_are_drawn_not_replaced_by_a_box():
    from regie.reports import charts

    assert charts._font_px(16).getname()[0] == "DejaVu Sans"
    font = charts._font_px(16)
    box = bytes(font.getmask("\U0010fffd"))  # a character no font has
    for char in "ëéï€–":
        assert bytes(font.getmask(char)) != box, char
