"""Publishing a report, and correcting a published one.

A published report is frozen: its JSON snapshot and the snapshot's SHA-256 are
stored as version 1, and nothing ever changes them. The law makes the report a
public record (《政府信息公开条例》第四十九条, 第五十条); what the public read must stay
what was published. A mistake found later is corrected by publishing the next
version, with the reason, beside the earlier ones.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.events import event_record

from .builder import build_report
from .data import ReportData
from .formats import Format, get_format
from .models import ReportVersion
from .selectors import latest_version


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    """The SHA-256 of a snapshot's canonical JSON (sorted keys, no spaces, UTF-8),
    so anyone holding the published JSON can recompute and compare it."""
    canonical = json.dumps(
        snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def report_publish(
    *, agency: Agency, year: int, acting_user: Any, fmt: Format | None = None
) -> ReportVersion:
    """Freeze the report of ``agency`` on ``year`` as version 1.

    Refuses when the report was already published (correct it instead) and when
    its checks find errors: a report that does not add up is not published.
    """
    with transaction.atomic():
        _lock(agency)
        if latest_version(agency=agency, year=year) is not None:
            raise ValidationError(
                f"{agency.name}{year}年度报告已经发布，不能再次发布；"
                "如需更正，请发布更正版本并说明理由。",
                code="already_published",
            )
        report = build_report(agency=agency, year=year, fmt=fmt)
        version = _freeze(report, agency, year, number=1, user=acting_user, reason="")
        event_record(
            actor=acting_user,
            verb="report_published",
            target=version,
            data={"year": year, "format": report.format, "sha256": version.sha256},
        )
    return version


def report_correct(
    *, agency: Agency, year: int, acting_user: Any, reason: str
) -> ReportVersion:
    """Publish the next version of a published report, with the reason for it.

    The report is rebuilt from the ledger as it now stands, in the format the
    report was first published in; the earlier versions stay as they were.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "更正已发布的年度报告必须说明理由。", code="reason_required"
        )
    with transaction.atomic():
        _lock(agency)
        current = latest_version(agency=agency, year=year)
        if current is None:
            raise ValidationError(
                f"{agency.name}{year}年度报告尚未发布，无需更正；请直接发布。",
                code="not_published",
            )
        report = build_report(agency=agency, year=year, fmt=get_format(current.format))
        version = _freeze(
            report,
            agency,
            year,
            number=current.number + 1,
            user=acting_user,
            reason=reason,
        )
        event_record(
            actor=acting_user,
            verb="report_corrected",
            target=version,
            data={
                "year": year,
                "number": version.number,
                "previous_sha256": current.sha256,
                "sha256": version.sha256,
                "reason": reason,
            },
        )
    return version


def _freeze(
    report: ReportData,
    agency: Agency,
    year: int,
    *,
    number: int,
    user: Any,
    reason: str,
) -> ReportVersion:
    errors = [f for f in report.findings if f.severity == "error"]
    if errors:
        listed = "；".join(f.message for f in errors[:5])
        raise ValidationError(
            f"报告未通过校验，不能发布（{len(errors)}项错误）：{listed}",
            code="check_errors",
        )
    snapshot = report.to_dict()
    return ReportVersion.objects.create(
        agency=agency,
        year=year,
        format=report.format,
        number=number,
        snapshot=snapshot,
        sha256=snapshot_hash(snapshot),
        reason=reason,
        published_at=timezone.now(),
        published_by=user if getattr(user, "pk", None) else None,
    )


def _lock(agency: Agency) -> None:
    """Serialise publications of one agency (two clerks pressing 发布 at once);
    the unique (agency, year, number) constraint is the last line behind it."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
