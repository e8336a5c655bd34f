"""How a cell's value is printed: one function for every renderer.

A blank cell stays blank (``None`` is "not reported", which is not 0); integers print
plain, without thousands separators, as the official tables do; 「本年增/减」 cells
(``signed``) print +14 / -27 / 0; amounts print with at most the node's ``decimals``
and no trailing zeros, as published reports write 万元 (0.3, 2).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..data import ReportData, Value
from ..layout import GridCell


def format_value(
    value: Value, *, signed: bool = False, decimals: int | None = None
) -> str:
    """The printed form of a cell value ("" for a blank cell)."""
    if value is None:
        return ""
    number = Decimal(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = _plain(number)
    if signed and number > 0:
        return f"+{text}"
    return text


def cell_value(cell: GridCell, report: ReportData) -> Value:
    """The report's value for a grid cell (None for blanks and non-value cells)."""
    return (
        report.value(cell.ref.table, cell.ref.row, cell.ref.column)
        if cell.ref
        else None
    )


def cell_text(cell: GridCell, report: ReportData) -> str:
    """What a grid cell prints: its label, or its value formatted."""
    if cell.ref is None:
        return cell.text
    spec = cell.spec
    return format_value(
        cell_value(cell, report),
        signed=bool(spec and spec.signed),
        decimals=spec.decimals if spec else None,
    )


def _plain(number: Decimal) -> str:
    """A decimal in fixed notation with trailing zeros dropped: 0.30 → 0.3, 2.00 → 2."""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")
