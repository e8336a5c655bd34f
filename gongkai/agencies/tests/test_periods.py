"""The period lock: a published year changes only by an adjustment with a reason."""

from __future__ import annotations

import pytest

from gongkai.accounts.models import User
from gongkai.agencies.models import Adjustment
from gongkai.agencies.periods import (
    adjustments_since,
    year_close,
    year_guard,
    year_is_closed,
)
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.testing.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    found = AgencyFactory(name="青溪县民政局")
    year_close(agency=found, year=2024, acting_user=None)
    return found


def test_an_open_year_is_written_without_ceremony(agency) -> None:
    assert year_guard(agency=agency, years={2025}, acting_user=None) == []
    assert not Adjustment.objects.exists()


def test_a_closed_year_refuses_a_write_and_says_why_in_chinese(agency) -> None:
    with pytest.raises(Refused) as refused:
        year_guard(agency=agency, years={2024, 2025}, acting_user=None)
    assert refused.value.code == "year_closed"
    assert "青溪县民政局2024年年度报告已经发布" in refused.value.messages[0]
    assert not Adjustment.objects.exists()


def test_only_another_agencys_closed_year_does_not_lock_this_one(agency) -> None:
    other = AgencyFactory()
    assert year_guard(agency=other, years={2024}, acting_user=None) == []


def test_an_office_head_may_adjust_a_closed_year_with_a_reason(agency) -> None:
    head = UserFactory(role=User.Role.OFFICE_HEAD, agency=agency)
    made = year_guard(
        agency=agency,
        years={2024, 2025},
        acting_user=head,
        adjustment="补录2024年12月30日现场提交的申请",
        what="登记申请",
    )
    assert [(a.year, a.made_by, a.what) for a in made] == [(2024, head, "登记申请")]
    assert (
        adjustments_since(agency=agency, year=2024, since=made[0].made_at).count() == 0
    )


def test_staff_may_not_adjust_a_closed_year(agency) -> None:
    staff = UserFactory(role=User.Role.STAFF, agency=agency)
    with pytest.raises(NotPermitted):
        year_guard(agency=agency, years={2024}, acting_user=staff, adjustment="补录")
    assert not Adjustment.objects.exists()


def test_an_office_head_of_another_agency_may_not_adjust(agency) -> None:
    head = UserFactory(role=User.Role.OFFICE_HEAD, agency=AgencyFactory())
    with pytest.raises(NotPermitted):
        year_guard(agency=agency, years={2024}, acting_user=head, adjustment="补录")


def test_closing_a_year_twice_keeps_one_record(agency) -> None:
    year_close(agency=agency, year=2024, acting_user=None)
    assert year_is_closed(agency=agency, year=2024)
    assert agency.closed_years.count() == 1
