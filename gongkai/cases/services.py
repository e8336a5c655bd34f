"""Recording review, litigation and complaint cases, and their conclusion."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.events import event_record

from .models import AdministrativeReview, Case, Complaint, Litigation, Result


@transaction.atomic
def review_file(
    *, acting_user: Any, agency: Any, filed_on: date, application: Any = None
) -> AdministrativeReview:
    review = AdministrativeReview.objects.create(
        agency=agency, filed_on=filed_on, application=application
    )
    event_record(
        actor=acting_user,
        verb="review_filed",
        target=review,
        data={"filed_on": filed_on.isoformat()},
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
) -> Litigation:
    """A lawsuit, directly (未经复议直接起诉) or after a review (复议后起诉)."""
    litigation = Litigation.objects.create(
        agency=agency,
        filed_on=filed_on,
        application=application,
        review=review,
        after_review=after_review or review is not None,
    )
    event_record(
        actor=acting_user,
        verb="litigation_filed",
        target=litigation,
        data={
            "filed_on": filed_on.isoformat(),
            "after_review": litigation.after_review,
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


@transaction.atomic
def case_conclude(
    *, acting_user: Any, case: Case, result: str, concluded_on: date
) -> Case:
    """Record how a case ended: 维持, 纠正 or 其他. Until then it is 尚未审结."""
    if result not in Result.values:
        raise ValidationError(f"未知的审结结果：{result}")
    if case.concluded_on:
        raise ValidationError("该案件已审结。")
    if concluded_on < case.filed_on:
        raise ValidationError("审结日期不能早于立案日期。")
    case.result = result
    case.concluded_on = concluded_on
    case.save(update_fields=["result", "concluded_on", "updated_at"])
    event_record(
        actor=acting_user,
        verb="case_concluded",
        target=case,
        data={"result": result, "concluded_on": concluded_on.isoformat()},
    )
    return case
