"""The annual report's review inside an agency: narrative, submit, return, sign off,
publish. Each step is atomic, checks the acting user's permission and the report's
state (``review.py``), and leaves one event; publishing leaves the event of
``gongkai.reports.services.report_publish``, which freezes the report.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.permissions import can
from gongkai.agencies.models import Agency
from gongkai.core.events import event_record
from gongkai.reports.models import Narrative, ReportVersion
from gongkai.reports.services import report_correct, report_publish

from . import review
from .models import ReportReview
from .selectors import report_state


def _check(acting_user: Any, agency: Agency, year: int, step: review.Step) -> str:
    """The state ``step`` leads to; refuses without the permission or from the
    wrong state."""
    if not can(acting_user, review.permission(step), agency):
        raise PermissionDenied("您没有权限进行此操作。")
    try:
        return review.target(report_state(agency=agency, year=year), step)
    except ValueError as exc:
        raise ValidationError(str(exc), code="wrong_state") from exc


def _review(agency: Agency, year: int) -> ReportReview:
    found, _ = ReportReview.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    return found


@transaction.atomic
def narrative_save(
    *, acting_user: Any, agency: Agency, year: int, key: str, text: str
) -> Narrative:
    """Write one narrative section of the report (总体情况 …) while it is a draft.
    An empty text gives the section back to gongkai's draft."""
    _check(acting_user, agency, year, review.Step.EDIT)
    narrative, _ = Narrative.objects.select_for_update().get_or_create(
        agency=agency, year=year, key=key
    )
    before = narrative.text
    narrative.text = text.strip()
    narrative.updated_by = acting_user
    narrative.save()
    event_record(
        actor=acting_user,
        verb="narrative_edited",
        target=narrative,
        data={"year": year, "key": key, "before": before, "after": narrative.text},
    )
    return narrative


@transaction.atomic
def report_submit(*, acting_user: Any, agency: Agency, year: int) -> ReportReview:
    """Hand the compiled report to the office head for sign-off."""
    to = _check(acting_user, agency, year, review.Step.SUBMIT)
    found = _review(agency, year)
    found.state = to
    found.submitted_by = acting_user
    found.submitted_at = timezone.now()
    found.returned_reason = ""
    found.save()
    event_record(
        actor=acting_user,
        verb="report_submitted",
        target=found,
        data={"year": year, "before": review.State.DRAFT, "after": to},
    )
    return found


@transaction.atomic
def report_return(
    *, acting_user: Any, agency: Agency, year: int, reason: str
) -> ReportReview:
    """Send the report back to be compiled again, saying why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("退回报告必须说明理由。", code="reason_required")
    to = _check(acting_user, agency, year, review.Step.RETURN)
    found = _review(agency, year)
    before = found.state
    found.state = to
    found.returned_reason = reason
    found.signed_off_by = None
    found.signed_off_at = None
    found.save()
    event_record(
        actor=acting_user,
        verb="report_returned",
        target=found,
        data={"year": year, "before": before, "after": to, "reason": reason},
    )
    return found


@transaction.atomic
def report_sign_off(*, acting_user: Any, agency: Agency, year: int) -> ReportReview:
    """The disclosure office head approves the submitted report for publication."""
    to = _check(acting_user, agency, year, review.Step.SIGN_OFF)
    found = _review(agency, year)
    found.state = to
    found.signed_off_by = acting_user
    found.signed_off_at = timezone.now()
    found.save()
    event_record(
        actor=acting_user,
        verb="report_signed_off",
        target=found,
        data={"year": year, "before": review.State.SUBMITTED, "after": to},
    )
    return found


@transaction.atomic
def report_release(*, acting_user: Any, agency: Agency, year: int) -> ReportVersion:
    """Publish a signed-off report: ``report_publish`` freezes it (and refuses a
    report whose checks find errors)."""
    _check(acting_user, agency, year, review.Step.PUBLISH)
    return report_publish(agency=agency, year=year, acting_user=acting_user)


@transaction.atomic
def report_release_correction(
    *, acting_user: Any, agency: Agency, year: int, reason: str
) -> ReportVersion:
    """Publish the next version of a published report, with the reason for it."""
    _check(acting_user, agency, year, review.Step.CORRECT)
    return report_correct(
        agency=agency, year=year, acting_user=acting_user, reason=reason
    )
