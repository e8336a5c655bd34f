"""A format's cells with their questions asked: each cell's indicator found and
its arguments checked, its family and measure resolved. Done once per format,
not once per build; the builder answers the questions, and a region's report
reads the same plan to know which records its format counts."""

from __future__ import annotations

from .formats import CellSpec, Format
from .indicators import INDICATORS, ArgumentError, Question

Planned = tuple[tuple[CellSpec, Question], ...]
_PLANS: dict[int, tuple[Format, Planned]] = {}


def plan(fmt: Format) -> Planned:
    """Every cell of ``fmt`` with its question asked."""
    cached = _PLANS.get(id(fmt))
    if cached is not None and cached[0] is fmt:
        return cached[1]
    cells = tuple((spec, _question(spec)) for spec in fmt.cells())
    _PLANS[id(fmt)] = (fmt, cells)
    return cells


def _question(spec: CellSpec) -> Question:
    try:
        indicator = INDICATORS[spec.indicator]
    except KeyError:
        raise ArgumentError(f"{spec.ref}：没有名为 {spec.indicator!r} 的指标") from None
    return indicator.ask(spec.args)
