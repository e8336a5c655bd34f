"""The period lock: once a year's annual report is published, the records it counted
stay as they were, except by an adjustment with a reason.

A published report is a public record (《政府信息公开条例》第四十九条、第五十条). If a
record counted in that year could still be created, changed or deleted quietly, the
live report would drift away from the frozen one and nobody would know why. So
``report_publish`` closes the year (``ClosedYear``), and every service that writes a
record counted in a year asks ``year_guard`` first: in a closed year the write is
refused unless it is made as an adjustment (``Adjustment``) with a reason, by
someone whose role may correct the report (the disclosure office head). The report
page then shows how the ledger differs from the published version and offers the
correction, a new version with its reason.

The lock lives here, in the ledger, and not in ``reports``: ledger apps never
import ``reports``; ``reports`` closes the year through ``year_close``.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.workflow import Refused

from .models import Adjustment, Agency, ClosedYear


def year_is_closed(*, agency: Agency, year: int) -> bool:
    return ClosedYear.objects.filter(agency=agency, year=year).exists()


def year_close(*, agency: Agency, year: int, acting_user: Any) -> ClosedYear:
    """Close ``year`` of ``agency``: called when its report is published."""
    closed, _ = ClosedYear.objects.get_or_create(
        agency=agency,
        year=year,
        defaults={
            "closed_by": acting_user if getattr(acting_user, "pk", None) else None
        },
    )
    return closed


def year_guard(
    *,
    agency: Agency,
    years: set[int] | list[int] | tuple[int, ...],
    acting_user: Any,
    adjustment: str = "",
    record: models.Model | None = None,
    what: str = "",
) -> list[Adjustment]:
    """Refuse a write that touches a closed year unless it is an adjustment.

    ``years`` are the statistical years the record counts in, before and after
    the change (an application received in 2025 and decided in 2026 counts in
    both). ``adjustment`` is the reason; it must come from a user whose role may
    correct the report (``report.correct``), or from the system itself (None). The
    adjustments are recorded and returned; ``record`` is what they concern, which
    a service creating a record passes with ``adjustment_attach`` once it is saved.
    """
    closed = sorted(
        ClosedYear.objects.filter(agency=agency, year__in=set(years)).values_list(
            "year", flat=True
        )
    )
    if not closed:
        return []
    listed = "、".join(f"{y}年" for y in closed)
    reason = (adjustment or "").strip()
    if not reason:
        raise Refused(
            f"{agency.name}{listed}年度报告已经发布，该年度的记录已锁定；"
            "如确需变更，请由公开工作机构负责人作为调整登记并说明理由。",
            code="year_closed",
        )
    authorize(acting_user, Permission.REPORT_CORRECT, agency)
    return [
        Adjustment.objects.create(
            agency=agency,
            year=year,
            reason=reason,
            what=what[:200],
            made_by=acting_user if getattr(acting_user, "pk", None) else None,
            record_label=str(record)[:200] if record is not None else "",
        )
        for year in closed
    ]


def adjustments_since(
    *, agency: Agency, year: int, since: Any
) -> models.QuerySet[Adjustment]:
    """The adjustments made to ``year`` after ``since`` (a published version's time)."""
    return Adjustment.objects.filter(agency=agency, year=year, made_at__gt=since)
