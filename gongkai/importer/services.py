"""Storing imported reports: the one way an import changes the database."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.selectors import agencies_matching
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from .importing import ImportOutcome
from .models import ImportedReport
from .names import region_of
from .similarity import sketch


@transaction.atomic
def imported_report_store(
    *, outcome: ImportOutcome, acting_user: User | None, region: str | None = None
) -> tuple[ImportedReport, bool]:
    """Keep the report ``outcome`` read as its agency's current report on its year.

    A report already current for that agency and year is replaced (and kept, marked
    replaced); the very same file imported again changes nothing. Returns the
    current report and whether it was stored now.
    """
    authorize(acting_user, Permission.REPORT_IMPORT)
    parsed = outcome.parsed
    if parsed is None:
        raise Refused("只能保存成功读取的报告。")
    report = parsed.report
    current = (
        ImportedReport.objects.select_for_update()
        .filter(
            agency_name=report.agency.name, year=report.year, replaced_at__isnull=True
        )
        .first()
    )
    if current is not None and current.file_sha256 == outcome.sha256:
        return current, False
    now = timezone.now()
    if current is not None:
        current.replaced_at = now
        current.save(update_fields=["replaced_at", "updated_at"])
    matching = agencies_matching(report.agency.name)
    stored = ImportedReport.objects.create(
        agency_name=report.agency.name,
        agency=matching[0] if len(matching) == 1 else None,
        region=region if region is not None else region_of(report.agency.name),
        year=report.year,
        format=report.format,
        data=report.to_dict(),
        tables_found=parsed.tables,
        narrative=parsed.narrative_text,
        sketch=sketch(parsed.narrative_text),
        published_on=parsed.identity.published_on,
        file_name=outcome.name[:255],
        file_kind=outcome.kind or "",
        file_sha256=outcome.sha256,
        imported_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    if current is not None:
        current.replaced_by = stored
        current.save(update_fields=["replaced_by", "updated_at"])
    event_record(
        actor=acting_user,
        verb="report_imported",
        target=stored,
        data={
            "file": outcome.name,
            "sha256": outcome.sha256,
            "format": report.format,
            "replaced": current.pk if current else None,
        },
    )
    return stored, True
