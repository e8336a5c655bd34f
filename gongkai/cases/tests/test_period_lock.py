"""Once a year's report is published, a case filed or concluded in that year is
recorded only as an adjustment with a reason, by the office head."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.accounts.models import User
from gongkai.agencies.models import Adjustment, Agency
from gongkai.agencies.periods import year_close
from gongkai.cases import services
from gongkai.core.events import events_for
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.testing import factories

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def home() -> Agency:
    agency = factories.AgencyFactory(name="测试县甲局")
    year_close(agency=agency, year=2024, acting_user=None)
    return agency


@pytest.fixture
def head(home) -> User:
    return factories.UserFactory(
        username="head_a", role=User.Role.OFFICE_HEAD, agency=home
    )


@pytest.fixture
def staff(home) -> User:
    return factories.UserFactory(username="staff_a", agency=home)


def test_filing_into_a_published_year_is_refused_without_an_adjustment(home, staff):
    events = Event.objects.count()
    with pytest.raises(Refused, match="2024年年度报告已经发布") as refused:
        services.review_file(acting_user=staff, agency=home, filed_on=D(2024, 11, 4))
    assert refused.value.code == "year_closed"
    assert Event.objects.count() == events
    assert not Adjustment.objects.exists()


def test_the_office_head_files_it_as_an_adjustment_with_a_reason(home, head):
    review = services.review_file(
        acting_user=head,
        agency=home,
        filed_on=D(2024, 11, 4),
        adjustment="复议机关2025年才送达，漏登。",
    )
    adjustment = Adjustment.objects.get()
    assert (adjustment.year, adjustment.made_by) == (2024, head)
    assert "行政复议" in adjustment.what
    assert events_for(review).get().data["adjustment"] == "复议机关2025年才送达，漏登。"


def test_staff_cannot_make_an_adjustment(home, staff):
    with pytest.raises(NotPermitted):
        services.complaint_file(
            acting_user=staff, agency=home, filed_on=D(2024, 6, 1), adjustment="漏登"
        )
    assert not Adjustment.objects.exists()


def test_a_case_of_an_open_year_is_filed_as_usual(home, staff):
    litigation = services.litigation_file(
        acting_user=staff, agency=home, filed_on=D(2025, 1, 6)
    )
    assert "adjustment" not in events_for(litigation).get().data
    assert not Adjustment.objects.exists()


def test_concluding_into_a_published_year_needs_an_adjustment(home, staff, head):
    """A case filed in 2023 and concluded (as recorded late) on a day of 2024."""
    review = factories.AdministrativeReviewFactory(agency=home, filed_on=D(2023, 9, 1))
    with pytest.raises(Refused, match="已锁定"):
        services.case_conclude(
            acting_user=staff, case=review, result="upheld", concluded_on=D(2024, 3, 1)
        )
    review.refresh_from_db()
    assert review.concluded_on is None
    services.case_conclude(
        acting_user=head,
        case=review,
        result="upheld",
        concluded_on=D(2024, 3, 1),
        adjustment="复议决定书2025年才收到。",
    )
    review.refresh_from_db()
    assert review.concluded_on == D(2024, 3, 1)
    assert Adjustment.objects.get().record_label == str(review)


def test_serving_and_answering_are_not_counted_and_not_locked(home, staff):
    """Table 四 counts filing and conclusion only: the steps between stay open."""
    review = factories.AdministrativeReviewFactory(agency=home, filed_on=D(2024, 9, 1))
    services.case_serve(acting_user=staff, case=review, served_on=D(2024, 9, 3))
    services.case_answer(acting_user=staff, case=review, answered_on=D(2024, 9, 10))
    assert not Adjustment.objects.exists()
