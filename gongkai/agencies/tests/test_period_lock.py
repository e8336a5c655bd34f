"""Once a year's report is published, the agency's set-up and attested figures of
that year change only as an adjustment with a reason, by the office head."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.accounts.models import User
from gongkai.agencies.models import Adjustment, Agency, AgencyYear, AttestedFigure
from gongkai.agencies.periods import year_close
from gongkai.agencies.services import agency_year_set, attested_figure_set
from gongkai.core.events import events_for
from gongkai.core.workflow import Refused
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


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


def _attest(head, year, **kw):
    return attested_figure_set(
        acting_user=head,
        agency=head.agency,
        year=year,
        key="licensing.decisions",
        value=Decimal(12),
        source_document="审批系统统计表",
        **kw,
    )


def test_an_attested_figure_of_a_published_year_is_refused(head):
    with pytest.raises(Refused, match="2024年年度报告已经发布") as refused:
        _attest(head, 2024)
    assert refused.value.code == "year_closed"
    assert not AttestedFigure.objects.exists() and not Adjustment.objects.exists()


def test_with_a_reason_it_is_an_adjustment(head):
    figure = _attest(head, 2024, adjustment="审批系统补录了12月的决定。")
    adjustment = Adjustment.objects.get()
    assert (adjustment.year, adjustment.made_by) == (2024, head)
    assert events_for(figure).get().data["adjustment"] == "审批系统补录了12月的决定。"


def test_an_open_year_is_attested_as_usual(head):
    figure = _attest(head, 2025)
    assert "adjustment" not in events_for(figure).get().data
    assert not Adjustment.objects.exists()


def test_the_set_up_of_a_published_year_is_locked(home, head):
    with pytest.raises(Refused, match="已锁定"):
        agency_year_set(acting_user=head, agency=home, year=2024, full_time_staff=3)
    assert not AgencyYear.objects.exists()
    record = agency_year_set(
        acting_user=head,
        agency=home,
        year=2024,
        full_time_staff=3,
        adjustment="人事部门更正了专职人员数。",
    )
    assert record.full_time_staff == 3
    assert Adjustment.objects.get().record_label == str(record)
