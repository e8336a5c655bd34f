"""Indicators: what each report cell counts (docs/reference/indicators.md).

``INDICATORS`` maps every indicator name a format file may use to its
implementation. Each answers a cell from its family's grouped query, memoised per
build in a ``Tally``, and can list the records behind any answer.
"""

from . import activities, agencies, applications, attested, cases, catalog
from .base import (
    Args,
    ArgumentError,
    Family,
    Indicator,
    QueryCache,
    Question,
    Source,
    Tally,
    Value,
)

INDICATORS: dict[str, Indicator] = {
    indicator.name: indicator
    for module in (catalog, applications, cases, activities, agencies, attested)
    for indicator in module.INDICATORS
}


def evaluate(tally: Tally, name: str, args: Args) -> tuple[Value, Source]:
    """One cell's value and provenance: ``name`` with ``args``, over ``tally``."""
    try:
        indicator = INDICATORS[name]
    except KeyError:
        raise ArgumentError(f"没有名为 {name!r} 的指标") from None
    return indicator.evaluate(tally, args)


__all__ = [
    "INDICATORS",
    "Args",
    "ArgumentError",
    "Family",
    "Indicator",
    "QueryCache",
    "Question",
    "Source",
    "Tally",
    "Value",
    "evaluate",
]
