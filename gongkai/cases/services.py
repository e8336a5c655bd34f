"""Recording review, litigation and complaint cases, their stages and conclusion.

A review or lawsuit that corrects the agency's decision (结果纠正) reopens the
application it is about: it is handled again, with a fresh reply clock.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.applications.models import Application, ApplicationStatus
from gongkai.applications.services import application_reopen
from gongkai.core.events import event_record
from gongkai.workdays.selectors import work_calendar

from .models import AdministrativeReview, Case, Complaint, Litigation, Result
from .workflow import CaseAction, case_target


@transaction.atomic
def review_file(
    *,
    acting_user: Any,
    agency: Any,
    filed_on: date,
    application: Any = None,
    number: str = "",
    body: str = "",
) -> AdministrativeReview:
    review = AdministrativeReview.objects.create(
        agency=agency,
        filed_on=filed_on,
        application=application,
        number=number,
        body=body,
    )
    event_record(
        actor=acting_user,
        verb="review_filed",
        target=review,
        data={"filed_on": filed_on.isoformat(), "number": number},
    )
    return review


@transaction.atomic
def litigation_file(
    *,
    acting_user: Any,
    agency: Any,
    filed_on: date,
    application: Any = None,
    review: AdministrativeReview | None = None,
    after_review: bool = False,
    number: str = "",
    body: str = "",
) -> Litigation:
    """A lawsuit, directly (未经复议直接起诉) or after a review (复议后起诉)."""
    if (
        review is not None
        and application is not None
        and review.application_id
        not in (
            None,
            application.pk,
        )
    ):
        raise ValidationError("复议后起诉的案件应与该行政复议针对同一申请。")
    litigation = Litigation.objects.create(
        agency=agency,
        filed_on=filed_on,
        application=application or (review.application if review else None),
        review=review,
        after_review=after_review or review is not None,
        number=number,
        body=body,
    )
    event_record(
        actor=acting_user,
        verb="litigation_filed",
        target=litigation,
        data={
            "filed_on": filed_on.isoformat(),
            "after_review": litigation.after_review,
            "number": number,
        },
    )
    return litigation


@transaction.atomic
def complaint_file(
    *, acting_user: Any, agency: Any, filed_on: date, subject: str = ""
) -> Complaint:
    complaint = Complaint.objects.create(
        agency=agency, filed_on=filed_on, subject=subject
    )
    event_record(
        actor=acting_user,
        verb="complaint_filed",
        target=complaint,
        data={"filed_on": filed_on.isoformat()},
    )
    return complaint


def answer_due_on(case: Case, served_on: date) -> date | None:
    """The respondent's last day to answer: 10 days for a review (《中华人民共和国
    行政复议法》第四十八条), 15 for a lawsuit's defence (《中华人民共和国行政诉讼法》
    第六十七条), counted in calendar days from the day after service; a period
    ending on a holiday ends on the next working day (《中华人民共和国民事诉讼法》
    第八十五条, applied by 行政诉讼法第一百零一条 and 行政复议法第八十八条)."""
    if isinstance(case, AdministrativeReview):
        days = settings.GONGKAI_REVIEW_ANSWER_DAYS
    elif isinstance(case, Litigation):
        days = settings.GONGKAI_LITIGATION_DEFENCE_DAYS
    else:
        return None
    return work_calendar().nth_after(served_on + timedelta(days=days), 0)


@transaction.atomic
def case_serve(*, acting_user: Any, case: Case, served_on: date) -> Case:
    """The petition or complaint reached the agency; its time to answer starts."""
    case_target(case.stage, CaseAction.SERVE)
    if served_on < case.filed_on:
        raise ValidationError("收到副本的日期不能早于立案日期。")
    case.served_on = served_on
    case.answer_due = answer_due_on(case, served_on)
    case.save(update_fields=["served_on", "answer_due", "updated_at"])
    return _recorded(case, acting_user, "case_served", served_on=served_on)


@transaction.atomic
def case_answer(*, acting_user: Any, case: Case, answered_on: date) -> Case:
    """The agency's written answer (复议答复) or defence (答辩状) was submitted."""
    case_target(case.stage, CaseAction.ANSWER)
    if answered_on < case.served_on:
        raise ValidationError("答复日期不能早于收到副本的日期。")
    case.answered_on = answered_on
    case.save(update_fields=["answered_on", "updated_at"])
    late = case.answer_due is not None and answered_on > case.answer_due
    return _recorded(
        case, acting_user, "case_answered", answered_on=answered_on, late=late
    )


@transaction.atomic
def case_schedule_hearing(*, acting_user: Any, case: Case, hearing_on: date) -> Case:
    case_target(case.stage, CaseAction.SCHEDULE_HEARING)
    case.hearing_on = hearing_on
    case.save(update_fields=["hearing_on", "updated_at"])
    return _recorded(case, acting_user, "case_hearing_scheduled", hearing_on=hearing_on)


@transaction.atomic
def case_conclude(
    *,
    acting_user: Any,
    case: Case,
    result: str,
    concluded_on: date,
    summary: str = "",
    reopened_on: date | None = None,
) -> Case:
    """Record how a case ended: 维持, 纠正 or 其他. Until then it is 尚未审结.

    A review or lawsuit that corrects the decision reopens its application, from
    ``reopened_on`` (the day the decision reached the agency; by default the day
    the case concluded).
    """
    if result not in Result.values:
        raise ValidationError(f"未知的审结结果：{result}")
    case_target(case.stage, CaseAction.CONCLUDE)
    if concluded_on < case.filed_on:
        raise ValidationError("审结日期不能早于立案日期。")
    case.result = result
    case.concluded_on = concluded_on
    case.decision_summary = summary
    case.save(
        update_fields=["result", "concluded_on", "decision_summary", "updated_at"]
    )
    follow_up = _reopen_if_corrected(case, acting_user, reopened_on or concluded_on)
    return _recorded(
        case,
        acting_user,
        "case_concluded",
        result=result,
        concluded_on=concluded_on,
        reopened_as=follow_up.tracking_number if follow_up else None,
    )


def _reopen_if_corrected(case: Case, acting_user: Any, reopened_on: date) -> Any:
    if not result_corrects(case):
        return None
    # Read afresh: an earlier case may have reopened it since it was loaded.
    application = Application.objects.get(pk=case.application_id)
    if application.status == ApplicationStatus.CLOSED:
        return application_reopen(
            acting_user=acting_user,
            application=application,
            reopened_on=reopened_on,
            reason=f"{case._meta.verbose_name}结果纠正（{case.number or case.pk}）",
        )
    return None


def result_corrects(case: Case) -> bool:
    """A corrected review or lawsuit about an application (complaints reopen
    nothing: they are not decisions on the application)."""
    return (
        case.result == Result.CORRECTED
        and not isinstance(case, Complaint)
        and case.application_id is not None
    )


def _recorded(case: Case, acting_user: Any, verb: str, **data: Any) -> Case:
    event_record(
        actor=acting_user,
        verb=verb,
        target=case,
        data={k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()},
    )
    return case
