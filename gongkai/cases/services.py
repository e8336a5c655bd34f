"""Recording review, litigation and complaint cases, their stages and conclusion.

Every service takes the acting user (None: the system itself) and refuses, before
it does anything, a user whose role may not record cases (``application.handle``)
or whose scope does not cover the case's agency. A case counts in the annual report
of the year it was filed and of the year it concluded (table 四), so filing and
concluding in a year whose report is published is refused unless made as an
adjustment with a reason (``gongkai.agencies.periods.year_guard``).

A review or lawsuit that corrects the agency's decision (结果纠正) reopens the
application it is about: it is handled again, with a fresh reply clock.
"""

from __future__ import annotations

from datetime import date
from typing import IO, Any, TypeVar

from django.core.files import File
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import authorize
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_guard
from gongkai.applications.models import Application, ApplicationStatus
from gongkai.applications.services import application_reopen
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused, Transition

from . import deadlines
from .models import (
    AdministrativeReview,
    Case,
    CaseDocument,
    Complaint,
    Instance,
    Litigation,
    Result,
)
from .workflow import CASE_PERMISSION, CASE_WORKFLOW, CaseStep

C = TypeVar("C", bound=Case)


# -- filing ---------------------------------------------------------------------------


@transaction.atomic
def review_file(
    *,
    acting_user: User | None,
    agency: Agency,
    filed_on: date,
    application: Application | None = None,
    number: str = "",
    body: str = "",
    simplified: bool = False,
    adjustment: str = "",
) -> AdministrativeReview:
    """Record an administrative review (行政复议) of the agency's disclosure."""
    adjustment = _may_file(acting_user, agency, filed_on, adjustment, "行政复议")
    _same_agency(application, agency)
    review = AdministrativeReview.objects.create(
        agency=agency,
        filed_on=filed_on,
        application=application,
        number=number,
        body=body,
        simplified=simplified,
    )
    event_record(
        actor=acting_user,
        verb="review_filed",
        target=review,
        data=_with_adjustment(
            {"filed_on": filed_on.isoformat(), "number": number}, adjustment
        ),
    )
    return review


@transaction.atomic
def litigation_file(
    *,
    acting_user: User | None,
    agency: Agency,
    filed_on: date,
    application: Application | None = None,
    review: AdministrativeReview | None = None,
    after_review: bool = False,
    number: str = "",
    body: str = "",
    instance: str = Instance.FIRST,
    adjustment: str = "",
) -> Litigation:
    """A lawsuit, directly (未经复议直接起诉) or after a review (复议后起诉), at first
    or second instance (一审 / 二审)."""
    adjustment = _may_file(acting_user, agency, filed_on, adjustment, "行政诉讼")
    _same_agency(application, agency)
    if instance not in Instance.values:
        raise Refused(f"未知的审级：{instance}", code="instance")
    if review is not None and review.agency_id != agency.pk:
        raise Refused("所依据的行政复议不是本机关的案件。", code="review_agency")
    if (
        review is not None
        and application is not None
        and review.application_id not in (None, application.pk)
    ):
        raise Refused(
            "复议后起诉的案件应与该行政复议针对同一申请。", code="review_application"
        )
    litigation = Litigation.objects.create(
        agency=agency,
        filed_on=filed_on,
        application=application or (review.application if review else None),
        review=review,
        after_review=after_review or review is not None,
        number=number,
        body=body,
        instance=instance,
    )
    event_record(
        actor=acting_user,
        verb="litigation_filed",
        target=litigation,
        data=_with_adjustment(
            {
                "filed_on": filed_on.isoformat(),
                "after_review": litigation.after_review,
                "instance": instance,
                "number": number,
            },
            adjustment,
        ),
    )
    return litigation


@transaction.atomic
def complaint_file(
    *,
    acting_user: User | None,
    agency: Agency,
    filed_on: date,
    subject: str = "",
    adjustment: str = "",
) -> Complaint:
    """Record a complaint or report about the agency's disclosure (举报投诉)."""
    adjustment = _may_file(acting_user, agency, filed_on, adjustment, "举报投诉")
    complaint = Complaint.objects.create(
        agency=agency, filed_on=filed_on, subject=subject
    )
    event_record(
        actor=acting_user,
        verb="complaint_filed",
        target=complaint,
        data=_with_adjustment({"filed_on": filed_on.isoformat()}, adjustment),
    )
    return complaint


def _same_agency(application: Application | None, agency: Agency) -> None:
    """A case is about one of the respondent agency's own applications."""
    if application is not None and application.agency_id != agency.pk:
        raise Refused("该申请不是本机关办理的申请。", code="application_agency")


def _may_file(
    acting_user: User | None,
    agency: Agency,
    filed_on: date,
    adjustment: str,
    kind: str,
) -> str:
    """Refuse a user who may not record the agency's cases, then a filing dated
    into a closed year that is not an adjustment. The reason of the adjustment
    made, if one was needed (for the event)."""
    authorize(acting_user, CASE_PERMISSION, agency)
    made = year_guard(
        agency=agency,
        years={filed_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        what=f"登记{kind}（立案日期 {filed_on.isoformat()}）",
    )
    return adjustment.strip() if made else ""


# -- the steps of the table -----------------------------------------------------------


def case_kind(case: Case) -> str:
    """``review``, ``litigation`` or ``complaint``: the kind the deadline rule and
    the pages name."""
    if isinstance(case, AdministrativeReview):
        return deadlines.REVIEW
    if isinstance(case, Litigation):
        return deadlines.LITIGATION
    return "complaint"


def answer_due_on(case: Case, served_on: date) -> date | None:
    """The respondent's last day to answer (the rule: ``deadlines``)."""
    return deadlines.answer_due(
        case_kind(case), served_on, simplified=getattr(case, "simplified", False)
    )


@transaction.atomic
def case_serve(*, acting_user: User | None, case: C, served_on: date) -> C:
    """The petition or complaint reached the agency; its time to answer starts."""
    row, before = _check(case, CaseStep.SERVE, acting_user)
    if served_on < case.filed_on:
        raise Refused("收到副本的日期不能早于立案日期。", code="date_order")
    case.served_on = served_on
    case.answer_due = answer_due_on(case, served_on)
    case.save(update_fields=["served_on", "answer_due", "updated_at"])
    return _recorded(case, acting_user, row, before, served_on=served_on)


@transaction.atomic
def case_answer(*, acting_user: User | None, case: C, answered_on: date) -> C:
    """The agency's written answer (复议答复) or defence (答辩状) was submitted."""
    row, before = _check(case, CaseStep.ANSWER, acting_user)
    if case.served_on is not None and answered_on < case.served_on:
        raise Refused("答复日期不能早于收到副本的日期。", code="date_order")
    case.answered_on = answered_on
    case.save(update_fields=["answered_on", "updated_at"])
    late = case.answer_due is not None and answered_on > case.answer_due
    return _recorded(case, acting_user, row, before, answered_on=answered_on, late=late)


@transaction.atomic
def case_schedule_hearing(*, acting_user: User | None, case: C, hearing_on: date) -> C:
    """Record the day of the hearing (审理或开庭); it may be moved again."""
    row, before = _check(case, CaseStep.SCHEDULE_HEARING, acting_user)
    case.hearing_on = hearing_on
    case.save(update_fields=["hearing_on", "updated_at"])
    return _recorded(case, acting_user, row, before, hearing_on=hearing_on)


@transaction.atomic
def case_conclude(
    *,
    acting_user: User | None,
    case: C,
    result: str,
    concluded_on: date,
    summary: str = "",
    reopened_on: date | None = None,
    adjustment: str = "",
) -> C:
    """Record how a case ended: 维持, 纠正 or 其他. Until then it is 尚未审结.

    A review or lawsuit that corrects the decision reopens its application, from
    ``reopened_on`` (the day the decision reached the agency; by default the day
    the case concluded).
    """
    row, before = _check(case, CaseStep.CONCLUDE, acting_user)
    if result not in Result.values:
        raise Refused(f"未知的审结结果：{result}", code="result")
    if concluded_on < case.filed_on:
        raise Refused("审结日期不能早于立案日期。", code="date_order")
    made = year_guard(
        agency=case.agency,
        years={concluded_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        record=case,
        what=f"审结（审结日期 {concluded_on.isoformat()}）",
    )
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
        row,
        before,
        adjustment=adjustment if made else "",
        result=result,
        concluded_on=concluded_on,
        reopened_as=follow_up.tracking_number if follow_up else None,
    )


@transaction.atomic
def case_attach(
    *,
    acting_user: User | None,
    case: AdministrativeReview | Litigation,
    file: IO[bytes],
    name: str,
    title: str = "",
) -> CaseDocument:
    """Keep a document of the case (the copy received, the answer, the decision…),
    stored under a random name; it is served only to those who may see the case."""
    row, before = _check(case, CaseStep.ATTACH, acting_user)
    name = name.replace("\\", "/").rsplit("/", 1)[-1] or "文件"
    document = CaseDocument(
        title=title.strip() or name,
        name=name,
        uploaded_by=acting_user,
        **{case_kind(case): case},
    )
    document.file.save(name, File(file), save=False)
    document.save()
    _recorded(case, acting_user, row, before, document=document.title)
    return document


def _check(
    case: Case, step: CaseStep, acting_user: User | None
) -> tuple[Transition, str]:
    """Lock the case, read it afresh, and ask the table (permission and scope
    first): the row of ``step`` and the stage it is taken from."""
    type(case)._default_manager.select_for_update().filter(pk=case.pk).first()
    case.refresh_from_db()
    before = str(case.stage)
    row = CASE_WORKFLOW.check(before, step, user=acting_user, agency=case.agency)
    return row, before


def _reopen_if_corrected(
    case: Case, acting_user: User | None, reopened_on: date
) -> Application | None:
    if case.application_id is None or not result_corrects(case):
        return None
    # Read afresh: an earlier case may have reopened it since it was loaded.
    application = Application.objects.get(pk=case.application_id)
    if application.status == ApplicationStatus.CLOSED:
        follow_up: Application = application_reopen(
            acting_user=acting_user,
            application=application,
            reopened_on=reopened_on,
            reason=f"{case._meta.verbose_name}结果纠正（{case.number or case.pk}）",
        )
        return follow_up
    return None


def result_corrects(case: Case) -> bool:
    """A corrected review or lawsuit about an application (complaints reopen
    nothing: they are not decisions on the application)."""
    return (
        case.result == Result.CORRECTED
        and not isinstance(case, Complaint)
        and case.application_id is not None
    )


def _recorded(
    case: C,
    acting_user: User | None,
    row: Transition,
    before: str,
    *,
    adjustment: str = "",
    **facts: date | str | bool | None,
) -> C:
    """Write the step's one event: the stage before and after, and its facts."""
    data: dict[str, Any] = {"before": before, "after": str(case.stage)}
    data.update(
        {k: v.isoformat() if isinstance(v, date) else v for k, v in facts.items()}
    )
    event_record(
        actor=acting_user,
        verb=row.verb,
        target=case,
        data=_with_adjustment(data, adjustment),
    )
    return case


def _with_adjustment(data: dict[str, Any], adjustment: str) -> dict[str, Any]:
    """The event's data, with the adjustment's reason when the write was one."""
    if adjustment.strip():
        data["adjustment"] = adjustment.strip()
    return data
