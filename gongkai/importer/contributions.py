"""The importer's figures for a region's report: a unit's imported published
report, for the units that keep no ledger in gongkai.

Registered with ``gongkai.reports.contributions`` when the app starts
(``ImporterConfig.ready``): the reports app asks for them without importing the
importer (docs/adr/0019-region-reports-and-contribution-providers.md).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from gongkai.reports.contributions import Contribution
from gongkai.reports.data import ReportData

from .models import ImportedReport


def imported_contributions(
    *, agency_ids: Collection[int] | QuerySet[Any, Any], year: int
) -> dict[int, Contribution]:
    """The current imported report of each agency on ``year`` (only reports
    linked to an agency of gongkai's tree), newest import first."""
    found: dict[int, Contribution] = {}
    current = (
        ImportedReport.objects.filter(
            agency_id__in=agency_ids, year=year, replaced_at__isnull=True
        )
        .exclude(agency__isnull=True)
        .order_by("agency_id", "-created_at", "-pk")
    )
    for imported in current:
        assert imported.agency_id is not None  # excluded above
        if imported.agency_id in found:
            continue
        try:
            report = ReportData.from_dict(imported.data)
        except (ValueError, KeyError):
            continue  # not readable as a report: the unit is then missing
        found[imported.agency_id] = Contribution(
            agency_id=imported.agency_id,
            report=report,
            title=_title(imported),
            url=reverse("importer:detail", args=[imported.pk]),
            published_on=imported.published_on,
            reference=f"importer:{imported.pk}",
        )
    return found


def _title(imported: ImportedReport) -> str:
    title = f"{imported.agency_name}{imported.year}年政府信息公开工作年度报告"
    return f"{title}（{imported.file_name}）" if imported.file_name else title
