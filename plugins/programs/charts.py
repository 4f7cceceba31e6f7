"""The geometry of the charts that the templates draw as inline SVG."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    length: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars: a label column, then bars scaled to the largest value."""

    bars: tuple
    width: int
    height: int
    label_width: int
    bar_height: int


def bar_chart(rows, width=640, label_width=220, bar_height=24, gap=10):
    """``rows`` are ``(label, value)``; returns the chart's geometry."""
    largest = max((value for _label, value in rows), default=0) or 1
    room = width - label_width - 60  # the value is written after the bar
    bars = tuple(
        Bar(label, value, index * (bar_height + gap), room * value / largest)
        for index, (label, value) in enumerate(rows)
    )
    return BarChart(
        bars, width, max(len(bars) * (bar_height + gap) - gap, 0), label_width, bar_height
    )


@dataclass(frozen=True)
class Tile:
    code: str
    count: int
    x: int
    y: int
    shade: int  # 1 (few partners) to 4 (many)


@dataclass(frozen=True)
class TileMap:
    """One row of country tiles per region, a picture of where the partners are."""

    rows: tuple  # ((region code, y, (Tile, ...)), ...)
    width: int
    height: int
    tile: int


def tile_map(counts_by_region, tile=44, gap=6, label_width=150):
    """``counts_by_region`` is ``{region: {country: count}}``."""
    largest = max((c for counts in counts_by_region.values() for c in counts.values()), default=1)
    rows, widest = [], 0
    for row, (region, counts) in enumerate(counts_by_region.items()):
        y = row * (tile + gap)
        tiles = tuple(
            Tile(code, count, label_width + column * (tile + gap), y, _shade(count, largest))
            for column, (code, count) in enumerate(counts.items())
        )
        widest = max(widest, label_width + len(tiles) * (tile + gap))
        rows.append((region, y, tiles))
    return TileMap(tuple(rows), widest, max(len(rows) * (tile + gap) - gap, 0), tile)


def _shade(count, largest):
    """1 for the fewest partners up to 4 for the most."""
    return 1 + round(3 * (count - 1) / max(largest - 1, 1))
