"""Comparing reports: an agency's years, and a region's units side by side.

Formats change between years (2019 → 2021 redrew table 二 and part of 三; the
legacy statistics table has other rows altogether), so comparisons go through
*key figures*, each named by what it counts (indicator and arguments, as in the
format files) and found in whatever format a report is in. This year's 上年结转
is also held against last year's 结转下年度 with the format's own ``carry_over``
check.

Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.reports.checks import run_checks
from gongkai.reports.data import CellRef, Finding, ReportData, Value
from gongkai.reports.formats import Format

from .parsing.facts import Target, resolve


def _target(indicator: str, row: str | None = None, **args: object) -> Target:
    return Target.named(indicator, args, row)


@dataclass(frozen=True)
class KeyFigure:
    id: str
    label: str  # Chinese, as a column or axis title
    targets: tuple[Target, ...]  # alternatives: the first the format has


KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("published", "主动公开政府信息数", (_target("catalog.published"),)),
    KeyFigure("received", "新收申请", (_target("applications.received"),)),
    KeyFigure("carried_in", "上年结转", (_target("applications.carried_in"),)),
    KeyFigure(
        "closed",
        "办结",
        (
            _target("applications.closed", row="申请办结数"),
            _target("applications.closed"),
        ),
    ),
    KeyFigure("carried_out", "结转下年度", (_target("applications.carried_out"),)),
    KeyFigure(
        "reviews",
        "行政复议",
        (
            _target("cases.review"),
            _target("cases.review", result=["upheld", "corrected", "other"]),
        ),
    ),
    KeyFigure(
        "lawsuits",
        "行政诉讼",
        (_target("cases.litigation", result=["upheld", "corrected", "other"]),),
    ),
)


def key_figure_ref(figure: KeyFigure, fmt: Format) -> CellRef | None:
    return resolve(figure.targets, list(fmt.cells()))


def key_figures(report: ReportData, fmt: Format) -> dict[str, Value]:
    """Each key figure of ``report`` (None where its format has no such cell, or
    the cell is blank)."""
    values: dict[str, Value] = {}
    for figure in KEY_FIGURES:
        ref = key_figure_ref(figure, fmt)
        values[figure.id] = (
            report.value(ref.table, ref.row, ref.column) if ref else None
        )
    return values


@dataclass(frozen=True)
class Change:
    figure: KeyFigure
    previous: Value
    current: Value

    @property
    def difference(self) -> Value:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class YearOverYear:
    changes: list[Change]
    carry_over: list[Finding]  # this year's 上年结转 ≠ last year's 结转下年度


def year_over_year(
    current: ReportData,
    current_format: Format,
    previous: ReportData,
    previous_format: Format,
) -> YearOverYear:
    this, last = (
        key_figures(current, current_format),
        key_figures(previous, previous_format),
    )
    changes = [Change(f, last[f.id], this[f.id]) for f in KEY_FIGURES]
    carry = [
        f
        for f in run_checks(current, current_format, previous=previous)
        if _is_carry_over(f, current_format)
    ]
    return YearOverYear(changes, carry)


def _is_carry_over(finding: Finding, fmt: Format) -> bool:
    kinds = {c.id: c.kind for c in fmt.checks}
    return kinds.get(finding.rule) == "carry_over"
