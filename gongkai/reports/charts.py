"""Bar charts of a report's figures across years, drawn as inline SVG on the server.

No chart library and nothing from a CDN: the page carries its charts, so they show
offline, print, and can be read by a screen reader (each chart is also given as a
table). This module only computes the geometry; ``portal/includes/chart.html``
draws it. Pure Python: no Django. It sits in ``reports`` because both the public
site (an agency's figures beside its reports) and the importer (the trend of the
imported reports) draw with it, and neither may import the other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 48
MARGIN_RIGHT = 12
MARGIN_TOP = 20
MARGIN_BOTTOM = 48
GROUP_GAP = 0.3  # share of a year's slot left empty between groups
MAX_BAR_WIDTH = 40
TICK_COUNTS = (4, 5, 2, 1)  # the first that divides the axis into whole numbers


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int | None, ...]  # one per category; None when unknown


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int | None
    series: int  # 1-based, for the colour class
    label: str  # what a screen reader and a tooltip say


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class CategoryLabel:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    categories: tuple[CategoryLabel, ...]
    series: tuple[Series, ...]
    plot_left: int
    plot_right: int
    baseline: float

    @property
    def is_empty(self) -> bool:
        return not self.bars

    @property
    def rows(self) -> list[tuple[str, tuple[int | None, ...]]]:
        """The figures as a table: each category with its series' values."""
        return [
            (label.text, tuple(s.values[i] for s in self.series))
            for i, label in enumerate(self.categories)
        ]


def nice_ceiling(value: int) -> int:
    """The smallest "round" number (1, 2 or 5 times a power of ten) at or above
    ``value``, so the axis ticks are easy to read; at least 1."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def bar_chart(
    title: str, categories: Sequence[str], series: Sequence[Series]
) -> BarChart:
    """Grouped bars: one group per category (a year), one bar per series."""
    top = nice_ceiling(max((v or 0 for s in series for v in s.values), default=0))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    baseline = MARGIN_TOP + plot_height
    slot = plot_width / max(len(categories), 1)
    bar_width = min(MAX_BAR_WIDTH, slot * (1 - GROUP_GAP) / max(len(series), 1))
    group_width = bar_width * len(series)
    bars = []
    for c, category in enumerate(categories):
        left = MARGIN_LEFT + c * slot + (slot - group_width) / 2
        for s, one in enumerate(series):
            value = one.values[c]
            height = plot_height * (value or 0) / top
            bars.append(
                Bar(
                    x=round(left + s * bar_width, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                    value=value,
                    series=s + 1,
                    label=f"{category} {one.label}："
                    + ("—" if value is None else str(value)),
                )
            )
    count = next(n for n in TICK_COUNTS if top % n == 0)
    ticks = tuple(
        Tick(y=round(baseline - plot_height * i / count, 1), value=top * i // count)
        for i in range(count + 1)
    )
    labels = tuple(
        CategoryLabel(x=round(MARGIN_LEFT + (c + 0.5) * slot, 1), text=str(category))
        for c, category in enumerate(categories)
    )
    return BarChart(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        bars=tuple(bars) if categories else (),
        ticks=ticks,
        categories=labels,
        series=tuple(series),
        plot_left=MARGIN_LEFT,
        plot_right=WIDTH - MARGIN_RIGHT,
        baseline=baseline,
    )
