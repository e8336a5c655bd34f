"""Activities and answered enquiries count in the year they happened: once that
year's report is published they change only as an adjustment with a reason."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.models import User
from gongkai.activities.models import Activity, Enquiry
from gongkai.activities.services import (
    activity_delete,
    activity_record,
    enquiry_answer,
    enquiry_ask,
)
from gongkai.agencies.models import Adjustment, Agency
from gongkai.agencies.periods import year_close
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
def staff(home) -> User:
    return factories.UserFactory(username="staff_a", agency=home)


@pytest.fixture
def head(home) -> User:
    return factories.UserFactory(
        username="head_a", role=User.Role.OFFICE_HEAD, agency=home
    )


def _record(user, home, held_on, **kw):
    return activity_record(
        acting_user=user,
        agency=home,
        kind="response",
        held_on=held_on,
        title="回应关切",
        channels=["website", "weibo_weixin", "website"],
        **kw,
    )


def test_an_activity_of_a_published_year_is_refused(home, staff):
    with pytest.raises(Refused, match="2024年年度报告已经发布") as refused:
        _record(staff, home, D(2024, 12, 30))
    assert refused.value.code == "year_closed"
    assert not Activity.objects.exists() and not Event.objects.exists()


def test_staff_cannot_adjust_a_published_year(home, staff):
    with pytest.raises(NotPermitted):
        _record(staff, home, D(2024, 12, 30), adjustment="漏登")
    assert not Activity.objects.exists() and not Adjustment.objects.exists()


def test_the_office_head_records_it_as_an_adjustment(home, head):
    activity = _record(head, home, D(2024, 12, 30), adjustment="年底回应漏登。")
    assert Adjustment.objects.get().year == 2024
    event = events_for(activity).get()
    assert event.data["adjustment"] == "年底回应漏登。"
    assert sorted(activity.channels.values_list("channel", flat=True)) == [
        "website",
        "weibo_weixin",
    ]


def test_a_wrong_count_is_refused_field_by_field(home, staff):
    with pytest.raises(Refused) as refused:
        _record(staff, home, D(2025, 3, 1), opinions_received=1, opinions_not_adopted=2)
    assert refused.value.messages
    assert not Activity.objects.exists()


def test_deleting_an_activity_leaves_an_event_and_respects_the_lock(home, staff, head):
    current = _record(staff, home, D(2025, 3, 1))
    activity_delete(acting_user=staff, activity=current)
    assert not Activity.objects.filter(pk=current.pk).exists()
    deleted = Event.objects.filter(verb="activity_deleted").get()
    assert deleted.data["title"] == "回应关切"

    locked = _record(head, home, D(2024, 5, 1), adjustment="补录。")
    with pytest.raises(Refused, match="已锁定"):
        activity_delete(acting_user=staff, activity=locked)
    activity_delete(acting_user=head, activity=locked, adjustment="重复登记。")
    assert not Activity.objects.filter(pk=locked.pk).exists()


def _asked(home, on: date) -> Enquiry:
    enquiry = enquiry_ask(
        acting_user=None,
        agency=home,
        mailbox="enquiry",
        asker_name="张三",
        asker_contact="13800000000",
        subject="办事时间",
        question="请问周六办公吗？",
    )
    asked_at = datetime(on.year, on.month, on.day, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    Enquiry.objects.filter(pk=enquiry.pk).update(asked_at=asked_at)
    enquiry.refresh_from_db()
    return enquiry


def test_an_answer_dated_into_a_published_year_is_refused(home, staff):
    enquiry = _asked(home, D(2024, 12, 20))
    with pytest.raises(Refused, match="已锁定"):
        enquiry_answer(
            acting_user=staff,
            enquiry=enquiry,
            answer="不办公。",
            answered_on=D(2024, 12, 25),
        )
    enquiry.refresh_from_db()
    assert not enquiry.is_answered and not Activity.objects.exists()


def test_moving_an_answer_out_of_a_published_year_is_locked_too(home, staff, head):
    """An answer counted in 2024 and re-dated to 2025 would leave 2024's count."""
    enquiry = _asked(home, D(2024, 12, 20))
    enquiry_answer(
        acting_user=head,
        enquiry=enquiry,
        answer="不办公。",
        answered_on=D(2024, 12, 25),
        adjustment="答复时漏登。",
    )
    with pytest.raises(Refused, match="已锁定"):
        enquiry_answer(
            acting_user=staff,
            enquiry=enquiry,
            answer="不办公。",
            answered_on=D(2025, 1, 3),
        )
    enquiry.refresh_from_db()
    assert enquiry.activity.held_on == D(2024, 12, 25)
