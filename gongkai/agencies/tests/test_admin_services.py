"""The agencies admin saves what a report counts through the services: the event is
written and a published year changes only with an adjustment reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import Adjustment, Agency, AgencyYear, Meeting
from gongkai.agencies.periods import year_close
from gongkai.core.events import events_for
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def home() -> Agency:
    return factories.AgencyFactory(name="测试县甲局")


def _meeting(home: Agency, **values: str) -> dict[str, str]:
    return {
        "agency": str(home.pk),
        "held_on": "2024-05-08",
        "title": "政务公开工作推进会",
        "attendees": "30",
        "adjustment": "",
        **values,
    }


def test_a_meeting_added_in_the_admin_is_recorded_with_its_event(admin_client, home):
    response = admin_client.post(reverse("admin:agencies_meeting_add"), _meeting(home))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert [e.verb for e in events_for(meeting)] == ["meeting_recorded"]


def test_a_meeting_in_a_published_year_is_refused_without_a_reason(admin_client, home):
    year_close(agency=home, year=2024, acting_user=None)
    response = admin_client.post(
        reverse("admin:agencies_meeting_add"), _meeting(home), follow=True
    )
    assert "2024年年度报告已经发布" in response.content.decode()
    assert not Meeting.objects.exists()


def test_with_a_reason_the_administrator_adjusts_the_published_year(admin_client, home):
    year_close(agency=home, year=2024, acting_user=None)
    admin_client.post(
        reverse("admin:agencies_meeting_add"),
        _meeting(home, adjustment="会议记录漏登，据会议纪要补录"),
    )
    assert Meeting.objects.count() == 1
    assert Adjustment.objects.get().reason == "会议记录漏登，据会议纪要补录"


def test_a_years_set_up_saved_in_the_admin_goes_through_the_service(admin_client, home):
    response = admin_client.post(
        reverse("admin:agencies_agencyyear_add"),
        {
            "agency": str(home.pk),
            "year": "2025",
            "office_name": "县政务公开办",
            "dedicated_offices": "1",
            "full_time_staff": "2",
            "part_time_staff": "3",
            "budget": "1.5",
            "adjustment": "",
        },
    )
    assert response.status_code == 302
    record = AgencyYear.objects.get(agency=home, year=2025)
    assert record.full_time_staff == 2
    assert [e.verb for e in events_for(record)] == ["agency_year_recorded"]


def test_an_agency_added_in_the_admin_joins_the_tree_through_the_service(
    admin_client, home
):
    response = admin_client.post(
        reverse("admin:agencies_agency_add"),
        {
            "name": "测试县甲局执法大队",
            "short_name": "",
            "level": Agency.Level.COUNTY,
            "kind": Agency.Kind.DISPATCHED,
            "parent": str(home.pk),
            "credit_code": "",
            "years-TOTAL_FORMS": "0",
            "years-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    created = Agency.objects.get(name="测试县甲局执法大队")
    assert created.path.startswith(home.path)
    assert [e.verb for e in events_for(created)] == ["agency_created"]
