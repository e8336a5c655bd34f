"""Once a year's report is published, an application counted in that year (received
or closed in it) is not written quietly: the write is refused, unless the office
head makes it as an adjustment with a reason, which is recorded."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.models import Adjustment
from gongkai.agencies.periods import year_close
from gongkai.applications import services as s
from gongkai.applications.models import Application, ApplicationStatus
from gongkai.core.events import events_for
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused

from .helpers import applicant, in_status

pytestmark = pytest.mark.django_db
D = date
CLOSED_YEAR = 2025  # the fixtures' applications are received in March 2025
IN_CLOSED_YEAR = D(2025, 11, 3)


@pytest.fixture
def closed(agency):
    return year_close(agency=agency, year=CLOSED_YEAR, acting_user=None)


def _register(agency, user, adjustment="", received_on=IN_CLOSED_YEAR):
    return s.application_register(
        acting_user=user,
        agency=agency,
        received_on=received_on,
        channel="in_person",
        applicant=applicant(),
        description="2025年度部门决算",
        adjustment=adjustment,
    )


def test_registering_into_a_published_year_is_refused(agency, head, closed):
    with pytest.raises(Refused, match="2025年年度报告已经发布") as refused:
        _register(agency, head)
    assert refused.value.code == "year_closed"
    assert "调整" in refused.value.messages[0]
    assert not Application.objects.exists() and not Event.objects.exists()
    assert not Adjustment.objects.exists()


def test_the_office_head_registers_it_as_an_adjustment(agency, head, closed):
    application = _register(agency, head, adjustment="漏登的纸质申请，补录")
    adjustment = Adjustment.objects.get()
    assert (adjustment.year, adjustment.reason, adjustment.made_by) == (
        2025,
        "漏登的纸质申请，补录",
        head,
    )
    assert application.tracking_number in adjustment.record_label
    event = events_for(application).get()
    assert event.data["adjustment"] == "漏登的纸质申请，补录"
    assert event.data["adjusted_years"] == [2025]


def test_plain_staff_may_not_make_an_adjustment(agency, clerk, closed):
    with pytest.raises(NotPermitted, match="更正年度报告"):
        _register(agency, clerk, adjustment="补录")
    assert not Application.objects.exists() and not Adjustment.objects.exists()
    assert not Event.objects.exists()


def test_a_year_still_open_needs_no_adjustment(agency, clerk, closed):
    application = _register(agency, clerk, received_on=D(2026, 1, 5))
    assert application.received_on == D(2026, 1, 5)
    assert not Adjustment.objects.exists()


def test_closing_in_a_published_year_is_refused_but_closing_later_is_not(
    agency, head, clerk
):
    """A 2025 application carried over into 2026 is closed in 2026 without an
    adjustment (the 2025 report counted it as carried over, and still does);
    back-dating its reply into 2025 would change that report."""
    application = in_status(ApplicationStatus.RECEIVED, agency, clerk)
    year_close(agency=agency, year=CLOSED_YEAR, acting_user=None)
    before = events_for(application).count()
    with pytest.raises(Refused, match="已经发布"):
        s.application_decide(
            acting_user=clerk,
            application=application,
            outcome="disclosed",
            closed_on=D(2025, 3, 20),
        )
    assert events_for(application).count() == before
    assert Application.objects.get(pk=application.pk).closed_on is None
    decided = s.application_decide(
        acting_user=clerk,
        application=application,
        outcome="disclosed",
        closed_on=D(2026, 1, 6),
    )
    assert decided.status == ApplicationStatus.CLOSED
    assert not Adjustment.objects.exists()


@pytest.mark.parametrize("step", ["decide", "withdraw", "transfer"])
def test_a_closing_step_back_dated_into_a_published_year_is_an_adjustment(
    agency, head, step
):
    application = in_status(ApplicationStatus.RECEIVED, agency, head)
    year_close(agency=agency, year=CLOSED_YEAR, acting_user=None)
    day = D(2025, 3, 20)
    reason = "复核发现答复日期录错"
    take = {
        "decide": lambda: s.application_decide(
            acting_user=head,
            application=application,
            outcome="disclosed",
            closed_on=day,
            adjustment=reason,
        ),
        "withdraw": lambda: s.application_withdraw(
            acting_user=head,
            application=application,
            withdrawn_on=day,
            adjustment=reason,
        ),
        "transfer": lambda: s.application_transfer(
            acting_user=head,
            application=application,
            closed_on=day,
            competent_agency="市统计局",
            adjustment=reason,
        ),
    }[step]
    closed = take()
    assert closed.closed_on == day
    adjustment = Adjustment.objects.get()
    assert (adjustment.year, adjustment.reason) == (2025, reason)
    assert events_for(closed).first().data["adjustment"] == reason


def test_confirming_into_a_published_year_is_refused(agency, head):
    application = in_status(ApplicationStatus.SUBMITTED, agency, head)
    year_close(agency=agency, year=CLOSED_YEAR, acting_user=None)
    with pytest.raises(Refused, match="已经发布"):
        s.application_confirm(
            acting_user=head, application=application, confirmed_on=D(2025, 3, 4)
        )
    assert Application.objects.get(pk=application.pk).received_on is None
