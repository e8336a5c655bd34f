"""The admin records and deletes activities through the services, and leaves the
enquiries to the portal and the workspace."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.activities.models import Activity
from gongkai.activities.services import activity_record, enquiry_ask
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_close
from gongkai.core.events import events_for
from gongkai.core.models import Event
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def home() -> Agency:
    return factories.AgencyFactory(name="测试县甲局")


def _form(home: Agency, **values: object) -> dict[str, object]:
    return {
        "agency": str(home.pk),
        "kind": "response",
        "held_on": "2025-06-01",
        "title": "回应关切",
        "participants": "0",
        "feedback_count": "0",
        "opinions_received": "0",
        "opinions_not_adopted": "0",
        "channels": ["website", "weibo_weixin"],
        "adjustment": "",
        **values,
    }


def test_an_activity_added_in_the_admin_is_recorded_by_the_service(admin_client, home):
    response = admin_client.post(reverse("admin:activities_activity_add"), _form(home))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert events_for(activity).get().verb == "activity_recorded"
    assert set(activity.channels.values_list("channel", flat=True)) == {
        "website",
        "weibo_weixin",
    }


def test_the_admin_respects_the_period_lock(admin_client, home):
    year_close(agency=home, year=2024, acting_user=None)
    url = reverse("admin:activities_activity_add")
    refused = admin_client.post(url, _form(home, held_on="2024-06-01"), follow=True)
    assert "2024年年度报告已经发布" in refused.content.decode()
    assert not Activity.objects.exists()


def test_a_recorded_activity_is_read_only_and_deleted_through_the_service(
    admin_client, home
):
    activity = activity_record(
        acting_user=None, agency=home, kind="press_conference", held_on=date(2025, 6, 1)
    )
    change = reverse("admin:activities_activity_change", args=[activity.pk])
    assert admin_client.post(change, _form(home, title="改")).status_code == 403
    delete = reverse("admin:activities_activity_delete", args=[activity.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Activity.objects.exists()
    assert Event.objects.filter(verb="activity_deleted").count() == 1


def test_enquiries_are_read_only_in_the_admin(admin_client, home):
    enquiry = enquiry_ask(
        acting_user=None,
        agency=home,
        mailbox="enquiry",
        asker_name="张三",
        asker_contact="13800000000",
        subject="办事时间",
        question="请问周六办公吗？",
    )
    assert admin_client.get(reverse("admin:activities_enquiry_add")).status_code == 403
    change = reverse("admin:activities_enquiry_change", args=[enquiry.pk])
    assert admin_client.post(change, {"answer": "不办公。"}).status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.answer == ""
