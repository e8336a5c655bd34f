"""Synthetic administrative reviews, lawsuits and complaints.

The cases' generator (each ledger app has its ``synthetic`` module; the
conventions are in ``gongkai.agencies.synthetic``):

- ``random_cases``: reviews and lawsuits of answered applications (some lawsuits
  after a review), complaints; every result, some pending; written in bulk;
- ``county_case`` and ``county_complaints``: cases as a county office meets them,
  on working days, unsaved and without the agency, for the demo.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, TypeVar

from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import bulk_save, pick
from gongkai.applications.models import Application
from gongkai.workdays.synthetic import workdays_after

from .models import AdministrativeReview, Complaint, Litigation, Result

C = TypeVar("C", AdministrativeReview, Litigation, Complaint)


# -- every combination the models allow ------------------------------------------


def random_cases(
    agency: Agency,
    *,
    applications: list[Application],
    rng: random.Random,
    share: float,
) -> None:
    """Reviews of ``share`` of the answered ``applications``, lawsuits of half as
    many (after a review when there was one, and now and then when there was
    not), a complaint for every forty answers; 30% still pending."""
    answered = [a for a in applications if a.closed_on]
    reviews = []
    for application in rng.sample(answered, int(len(answered) * share)):
        filed_on = _closed(application) + timedelta(days=rng.randint(1, 60))
        result, concluded_on = _result_and_end(rng, filed_on)
        reviews.append(
            AdministrativeReview(
                agency=agency,
                application=application,
                filed_on=filed_on,
                result=result,
                concluded_on=concluded_on,
            )
        )
    bulk_save(AdministrativeReview, reviews)
    reviewed = {r.application.pk: r for r in reviews if r.application}
    lawsuits = []
    for application in rng.sample(answered, int(len(answered) * share / 2)):
        review = reviewed.get(application.pk)
        filed_on = _closed(application) + timedelta(days=rng.randint(15, 180))
        result, concluded_on = _result_and_end(rng, filed_on)
        lawsuits.append(
            Litigation(
                agency=agency,
                application=application,
                filed_on=filed_on,
                result=result,
                concluded_on=concluded_on,
                after_review=review is not None or rng.random() < 0.2,
                review=review,
            )
        )
    bulk_save(Litigation, lawsuits)
    complaints = []
    for _ in range(max(1, len(answered) // 40)):
        filed_on = _closed(rng.choice(answered)) + timedelta(days=rng.randint(1, 30))
        result, concluded_on = _result_and_end(rng, filed_on)
        complaints.append(
            Complaint(
                agency=agency,
                filed_on=filed_on,
                result=result,
                concluded_on=concluded_on,
            )
        )
    bulk_save(Complaint, complaints)


def _closed(application: Application) -> date:
    assert application.closed_on is not None  # only answered ones are challenged
    return application.closed_on


def _result_and_end(rng: random.Random, filed_on: date) -> tuple[str, date | None]:
    if rng.random() < 0.3:  # not concluded yet
        return "", None
    return rng.choice(Result.values), filed_on + timedelta(days=rng.randint(10, 120))


# -- a county office --------------------------------------------------------------

COUNTY_RESULTS = ((Result.UPHELD, 60), (Result.CORRECTED, 25), (Result.OTHER, 15))
COMPLAINT_SUBJECTS = (
    "投诉未在法定期限内答复政府信息公开申请",
    "举报主动公开信息更新不及时",
    "投诉政府信息公开答复未说明理由",
    "举报政府信息公开指南内容不全",
)


def county_case(
    rng: random.Random, model: type[C], *, after: date, until: date, **fields: Any
) -> C | None:
    """A case filed some weeks after ``after``; concluded with a result, or still
    pending when its conclusion would fall after ``until``. None when even its
    filing would."""
    filed_on = workdays_after(after, rng.randint(5, 40), until=until)
    if filed_on is None:
        return None
    concluded_on = workdays_after(filed_on, rng.randint(15, 80), until=until)
    result = pick(rng, COUNTY_RESULTS) if concluded_on else ""
    return model(filed_on=filed_on, concluded_on=concluded_on, result=result, **fields)


def county_complaints(rng: random.Random, *, year: int, until: date) -> list[Complaint]:
    """None to two complaints about the office's disclosure work in ``year``."""
    complaints = []
    for n in range(rng.randint(0, 2)):
        subject = f"{rng.choice(COMPLAINT_SUBJECTS)}（{year}年第{n + 1}件）"
        complaint = county_case(
            rng,
            Complaint,
            after=date(year, 1, 1) + timedelta(days=rng.randrange(300)),
            until=until,
            subject=subject,
        )
        if complaint is not None:
            complaints.append(complaint)
    return complaints
