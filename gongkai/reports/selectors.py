"""Read queries of the reports app: the records behind a cell, published versions.

``records_for`` is the drill-down: given a cell's ``source`` (its provenance, as
stored in a ``ReportData`` and in every published snapshot), it returns exactly the
records the figure counted, so staff can see why a number is what it is.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet

from gongkai.agencies.models import Agency

from .indicators import INDICATORS, ArgumentError
from .models import ReportVersion
from .scope import Scope


def records_for(source: dict[str, Any], scope: Scope, year: int) -> QuerySet:
    """The records behind a cell whose provenance is ``source``.

    For a count, the queryset's ``count()`` is the cell's value; for a sum (fees,
    attendees) it holds the records summed; for an attested figure, the
    attestation(s) with their document.
    """
    kind = source.get("kind")
    if kind == "attested":
        return INDICATORS["attested"].records(scope, year, {"key": source["key"]})
    if kind != "ledger":
        raise ArgumentError(f"来源 {kind!r} 没有可追溯的记录")
    try:
        indicator = INDICATORS[source["indicator"]]
    except KeyError:
        raise ArgumentError(f"没有名为 {source.get('indicator')!r} 的指标") from None
    return indicator.records(scope, year, source.get("args") or {})


def report_versions(*, agency: Agency, year: int) -> QuerySet[ReportVersion]:
    """The published versions of a report, newest first."""
    return ReportVersion.objects.filter(agency=agency, year=year).order_by("-number")


def latest_version(*, agency: Agency, year: int) -> ReportVersion | None:
    return report_versions(agency=agency, year=year).first()


def latest_version_number(*, agency: Agency, year: int) -> int:
    """The latest published version's number; 0 when nothing was published."""
    found = ReportVersion.objects.filter(agency=agency, year=year).aggregate(
        n=Max("number")
    )
    return found["n"] or 0
