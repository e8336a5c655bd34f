"""The annual report's life: the narrative, the review, publishing and correcting.

Staff write the narrative and submit the report; the disclosure office head signs
it off or returns it with a reason; a signed-off report is published; a published
one changes only by a correction with a reason. Each step is a row of
``REPORT_WORKFLOW`` (``workflow.py``): it checks the acting user's permission and
scope (``accounts.permissions``) and the report's state before doing anything, is
atomic, and leaves one event.

A published report is frozen: its JSON snapshot and the snapshot's SHA-256 are
stored as version 1, and nothing ever changes them. The law makes the report a
public record (《中华人民共和国政府信息公开条例》第四十九条、第五十条); what the public
read must stay what was published. A mistake found later is corrected by
publishing the next version, with the reason, beside the earlier ones. Publishing
closes the year (``agencies.periods``): the records it counted are then changed
only as adjustments with a reason, and the report page shows what they moved. Once
a version is committed, its files are rendered and stored once, by a background
task (``published``); the public downloads those very files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_close
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused, Transition

from .builder import build_report
from .data import Finding, ReportData
from .formats import Format, get_format
from .models import Narrative, ReportReview, ReportVersion
from .region import ledger_agency_ids
from .selectors import latest_version
from .tasks import version_files_render
from .workflow import PUBLISHED, REPORT_WORKFLOW, STATE_NAMES, ReportState, ReportStep

# The check kinds whose findings may be published despite themselves, each with a
# named override and its reason: a narrative figure that contradicts a table may be
# a figure the table does not count the same way (“群众来信来访393件次”).
OVERRIDABLE_KINDS = frozenset({"narrative"})


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    """The SHA-256 of a snapshot's canonical JSON (sorted keys, no spaces, UTF-8),
    so anyone holding the published JSON can recompute and compare it."""
    canonical = json.dumps(
        snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# -- the narrative and the review ----------------------------------------------------


@transaction.atomic
def narrative_save(
    *,
    acting_user: User | None,
    agency: Agency,
    year: int,
    key: str,
    text: str,
    region: bool = False,
) -> Narrative:
    """Write one narrative section of the report (总体情况 …; of the region's
    report with ``region``) while it is a draft or returned. An empty text gives
    the section back to gongkai's draft."""
    review = _review(agency, year, region)
    row = REPORT_WORKFLOW.check(
        review.state, ReportStep.EDIT, user=acting_user, agency=agency
    )
    narrative, _ = Narrative.objects.select_for_update().get_or_create(
        agency=agency, year=year, region=region, key=key
    )
    before = narrative.text
    narrative.text = text.strip()
    narrative.updated_by = acting_user
    narrative.save()
    event_record(
        actor=acting_user,
        verb=row.verb,
        target=narrative,
        data={
            "year": year,
            "key": key,
            "before": before,
            "after": narrative.text,
            **_region_data(region),
        },
    )
    return narrative


@transaction.atomic
def report_submit(
    *, acting_user: User | None, agency: Agency, year: int, region: bool = False
) -> ReportReview:
    """Hand the compiled report (the region's, with ``region``) to the office
    head for sign-off."""

    def change(review: ReportReview) -> None:
        review.submitted_by = acting_user
        review.submitted_at = timezone.now()
        review.returned_reason = ""

    return REPORT_WORKFLOW.apply(
        _review(agency, year, region),
        ReportStep.SUBMIT,
        user=acting_user,
        data={"year": year, **_region_data(region)},
        change=change,
    )


@transaction.atomic
def report_return(
    *,
    acting_user: User | None,
    agency: Agency,
    year: int,
    reason: str,
    region: bool = False,
) -> ReportReview:
    """Send the report back to be compiled again, saying why."""

    def change(review: ReportReview) -> None:
        review.returned_reason = reason.strip()
        review.signed_off_by = None
        review.signed_off_at = None

    return REPORT_WORKFLOW.apply(
        _review(agency, year, region),
        ReportStep.RETURN,
        user=acting_user,
        reason=reason,
        data={"year": year, **_region_data(region)},
        change=change,
    )


@transaction.atomic
def report_sign_off(
    *, acting_user: User | None, agency: Agency, year: int, region: bool = False
) -> ReportReview:
    """The disclosure office head approves the submitted report for publication."""

    def change(review: ReportReview) -> None:
        review.signed_off_by = acting_user
        review.signed_off_at = timezone.now()

    return REPORT_WORKFLOW.apply(
        _review(agency, year, region),
        ReportStep.SIGN_OFF,
        user=acting_user,
        data={"year": year, **_region_data(region)},
        change=change,
    )


# -- publishing and correcting -------------------------------------------------------


@transaction.atomic
def report_publish(
    *,
    acting_user: User | None,
    agency: Agency,
    year: int,
    fmt: Format | None = None,
    overrides: Mapping[str, str] | None = None,
    today: date | None = None,
    region: bool = False,
) -> ReportVersion:
    """Freeze the report of ``agency`` on ``year`` as version 1, and close the year.

    With ``region``, the report is the government's of its whole region (its own
    ledger, every unit's under it, and the imported published reports of the
    units outside the ledger), and the year closes for every agency whose records
    it counted.

    Refuses, saying why: a report already published (correct it instead); a
    report the office head has not signed off; a year that has not ended (the
    report is on the past year, 第四十九条; ``today`` defaults to the local date);
    a report whose checks find errors (a figure that does not add up, a 【…】
    placeholder left in the narrative); a narrative figure that contradicts a
    table, unless ``overrides`` names its check with the reason to publish anyway.
    """
    _lock(agency)
    authorize(acting_user, Permission.REPORT_PUBLISH, agency)
    review = _review(agency, year, region)
    if review.state in PUBLISHED or latest_version(
        agency=agency, year=year, region=region
    ):
        raise Refused(
            f"{_named(agency, region)}{year}年度报告已经发布，不能再次发布；"
            "如需更正，请发布更正版本并说明理由。",
            code="already_published",
        )
    if review.state != ReportState.SIGNED_OFF:
        raise Refused(
            f"{_named(agency, region)}{year}年度报告尚未经"
            "政府信息公开工作机构负责人审核通过"
            f"（当前为“{STATE_NAMES[review.state]}”），不能发布。",
            code="not_signed_off",
        )
    today = today or timezone.localdate()
    if year >= today.year:
        raise Refused(
            f"{year}年度尚未结束（今天是{today.year}年{today.month}月{today.day}日），"
            "年度报告应在年度结束后发布（《中华人民共和国政府信息公开条例》第四十九条）。",
            code="year_not_ended",
        )
    row = REPORT_WORKFLOW.check(
        review.state, ReportStep.PUBLISH, user=acting_user, agency=agency
    )
    report = build_report(agency=agency, year=year, fmt=fmt, region=region)
    return _release(
        report,
        fmt or get_format(report.format),
        review,
        row,
        number=1,
        user=acting_user,
        reason="",
        overrides=overrides or {},
    )


@transaction.atomic
def report_correct(
    *,
    acting_user: User | None,
    agency: Agency,
    year: int,
    reason: str,
    overrides: Mapping[str, str] | None = None,
    region: bool = False,
) -> ReportVersion:
    """Publish the next version of a published report (the region's, with
    ``region``), with the reason for it.

    The report is rebuilt from the ledger as it now stands (adjustments included),
    in the format the report was first published in; the earlier versions stay as
    they were. The same checks as publishing apply.
    """
    _lock(agency)
    review = _review(agency, year, region)
    current = latest_version(agency=agency, year=year, region=region)
    if current is not None and review.state not in PUBLISHED:
        # A version published before the review was kept (an import of old
        # data): the version is what counts.
        review.state = ReportState.PUBLISHED
    authorize(acting_user, Permission.REPORT_CORRECT, agency)
    if current is None:
        raise Refused(
            f"{_named(agency, region)}{year}年度报告尚未发布，无需更正；请直接发布。",
            code="not_published",
        )
    row = REPORT_WORKFLOW.check(
        review.state,
        ReportStep.CORRECT,
        user=acting_user,
        agency=agency,
        reason=reason,
    )
    fmt = get_format(current.format)
    report = build_report(agency=agency, year=year, fmt=fmt, region=region)
    return _release(
        report,
        fmt,
        review,
        row,
        number=current.number + 1,
        user=acting_user,
        reason=reason.strip(),
        overrides=overrides or {},
        data={"number": current.number + 1, "previous_sha256": current.sha256},
    )


def _release(
    report: ReportData,
    fmt: Format,
    review: ReportReview,
    row: Transition,
    *,
    number: int,
    user: User | None,
    reason: str,
    overrides: Mapping[str, str],
    data: dict[str, Any] | None = None,
) -> ReportVersion:
    """Freeze ``report`` as version ``number``, move the review on by ``row``,
    close the year and write the step's one event (publish or correct)."""
    version = _freeze(
        report,
        fmt,
        review.agency,
        review.year,
        region=review.region,
        number=number,
        user=user,
        reason=reason,
        overrides=overrides,
    )
    before = review.state
    review.state = row.target or before
    review.save()
    # Its files (DOCX, PDF …) are rendered once, by a worker, when it is public.
    transaction.on_commit(partial(version_files_render.enqueue, version_id=version.pk))
    for closed in _counted_agencies(review.agency, review.year, fmt, review.region):
        year_close(agency=closed, year=review.year, acting_user=user)
    event_record(
        actor=user,
        verb=row.verb,
        target=version,
        data={
            "year": review.year,
            "format": report.format,
            "sha256": version.sha256,
            **_region_data(review.region),
            **(data or {}),
            **({"reason": reason} if reason else {}),
            "before": before,
            "after": review.state,
            **({"overrides": version.overrides} if version.overrides else {}),
        },
    )
    return version


def report_publish_through_review(
    *,
    acting_user: User | None,
    agency: Agency,
    year: int,
    fmt: Format | None = None,
    overrides: Mapping[str, str] | None = None,
    today: date | None = None,
    region: bool = False,
) -> ReportVersion:
    """Take a report from wherever its review stands through submission, sign-off
    and publication, as one user: the system (None) seeding a demo or a command
    run by the operator, or an office head who holds every step. Each step is the
    service above, with its own check and event; any refusal undoes them all."""
    with transaction.atomic():
        state = _review(agency, year, region).state
        if state in (ReportState.DRAFT, ReportState.RETURNED):
            report_submit(
                acting_user=acting_user, agency=agency, year=year, region=region
            )
            state = ReportState.SUBMITTED
        if state == ReportState.SUBMITTED:
            report_sign_off(
                acting_user=acting_user, agency=agency, year=year, region=region
            )
        return report_publish(
            acting_user=acting_user,
            agency=agency,
            year=year,
            fmt=fmt,
            overrides=overrides,
            today=today,
            region=region,
        )


# -- helpers -------------------------------------------------------------------------


def _review(agency: Agency, year: int, region: bool = False) -> ReportReview:
    """The report's review row, locked (created as a draft the first time).
    A region's report is refused for an agency with no unit under it."""
    if region and not _has_units(agency):
        raise Refused(
            f"{agency.name}没有所属单位，没有需要汇总的本地区年度报告。",
            code="no_region",
        )
    found, _ = ReportReview.objects.select_for_update().get_or_create(
        agency=agency, year=year, region=region
    )
    return found


def _has_units(agency: Agency) -> bool:
    return Agency.objects.filter(parent=agency).exists()


def _named(agency: Agency, region: bool) -> str:
    """The report's owner as a refusal names it."""
    return f"{agency.name}（含所属单位汇总）" if region else agency.name


def _region_data(region: bool) -> dict[str, Any]:
    """What an event of a region's report says beside the year."""
    return {"region": True} if region else {}


def _counted_agencies(
    agency: Agency, year: int, fmt: Format, region: bool
) -> list[Agency]:
    """The agencies whose year a publication closes: the agency itself, and for a
    region's report every unit whose ledger it counted (a unit counted from its
    imported report, or missing, keeps no record here to lock)."""
    if not region:
        return [agency]
    counted = ledger_agency_ids(agency=agency, year=year, fmt=fmt)
    return list(Agency.objects.filter(pk__in=counted).order_by("path"))


def _freeze(
    report: ReportData,
    fmt: Format,
    agency: Agency,
    year: int,
    *,
    region: bool = False,
    number: int,
    user: User | None,
    reason: str,
    overrides: Mapping[str, str],
) -> ReportVersion:
    errors = [f for f in report.findings if f.severity == "error"]
    if errors:
        listed = "；".join(f.message for f in errors[:5])
        raise Refused(
            f"报告未通过校验，不能发布（{len(errors)}项错误）：{listed}",
            code="check_errors",
        )
    snapshot = report.to_dict()
    return ReportVersion.objects.create(
        agency=agency,
        year=year,
        region=region,
        format=report.format,
        number=number,
        snapshot=snapshot,
        sha256=snapshot_hash(snapshot),
        reason=reason,
        overrides=_overridden(report.findings, fmt, overrides),
        published_at=timezone.now(),
        published_by=user,
    )


def _overridden(
    findings: list[Finding], fmt: Format, overrides: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The overrides a publication records; refuses while a finding that needs one
    (a narrative figure contradicting a table) has none, or one without a reason."""
    kinds = {check.id: check.kind for check in fmt.checks}
    needing: dict[str, list[str]] = {}
    for finding in findings:
        if kinds.get(finding.rule) in OVERRIDABLE_KINDS:
            needing.setdefault(finding.rule, []).append(finding.message)
    missing = [rule for rule in needing if not (overrides.get(rule) or "").strip()]
    if missing:
        listed = "；".join(m for rule in missing for m in needing[rule][:5])
        raise Refused(
            f"报告正文中的数字与表格不符，不能发布：{listed}。"
            "请修改正文；如确属口径不同，请说明理由后作为例外发布"
            f"（{'、'.join(missing)}）。",
            code="narrative_contradicts",
        )
    return [
        {"rule": rule, "reason": overrides[rule].strip(), "findings": messages}
        for rule, messages in needing.items()
    ]


def _lock(agency: Agency) -> None:
    """Serialise the publications of one agency (two clerks pressing 发布 at
    once); the unique (agency, year, number) constraint is the last line behind
    it."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
