"""Every service that records an activity or works on an enquiry refuses, before it
writes anything, a user whose role lacks the right and a user of another agency."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.activities import services
from gongkai.activities.models import Activity, Enquiry
from gongkai.agencies.models import Agency
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def home() -> Agency:
    return factories.AgencyFactory(name="测试县甲局")


@pytest.fixture
def people(home: Agency) -> dict[str, User]:
    other = factories.AgencyFactory(name="测试县乙局")

    def user(name: str, role: str, agency: Agency) -> User:
        return factories.UserFactory(username=name, role=role, agency=agency)

    return {
        "staff": user("staff_a", User.Role.STAFF, home),
        "head": user("head_a", User.Role.OFFICE_HEAD, home),
        "supervisor": user("supervisor", User.Role.SUPERVISOR, home),
        "other_head": user("head_b", User.Role.OFFICE_HEAD, other),
    }


def _asked(home: Agency) -> Enquiry:
    return services.enquiry_ask(
        acting_user=None,
        agency=home,
        mailbox="enquiry",
        asker_name="张三",
        asker_contact="13800000000",
        subject="办事时间",
        question="请问周六办公吗？",
        publication_allowed=True,
    )


def _answered(home: Agency) -> Enquiry:
    return services.enquiry_answer(
        acting_user=None,
        enquiry=_asked(home),
        answer="周六不办公。",
        answered_on=timezone.localdate(),
    )


def _held(home: Agency) -> Activity:
    return services.activity_record(
        acting_user=None, agency=home, kind="press_conference", held_on=date(2025, 6, 1)
    )


def _published(record: Any) -> bool:
    return Enquiry.objects.get(pk=record.pk).is_published


# (service, prepare, call as user, what the call would change, who lacks the right,
# who may)
CALLS: list[tuple[str, Callable[..., Any], Callable[..., Any], str, str]] = [
    (
        "activity_record",
        lambda home: None,
        lambda user, _, home: services.activity_record(
            acting_user=user,
            agency=home,
            kind="press_conference",
            held_on=date(2025, 6, 1),
        ),
        "supervisor",
        "staff",
    ),
    (
        "activity_delete",
        _held,
        lambda user, activity, _: services.activity_delete(
            acting_user=user, activity=activity
        ),
        "supervisor",
        "staff",
    ),
    (
        "enquiry_answer",
        _asked,
        lambda user, enquiry, _: services.enquiry_answer(
            acting_user=user,
            enquiry=enquiry,
            answer="周六不办公。",
            answered_on=timezone.localdate(),
        ),
        "supervisor",
        "staff",
    ),
    (
        "enquiry_publish",
        _answered,
        lambda user, enquiry, _: services.enquiry_publish(
            acting_user=user, enquiry=enquiry, publish=True
        ),
        "staff",  # publishing an answer is the office head's (ENQUIRY_PUBLISH)
        "head",
    ),
]
IDS = [c[0] for c in CALLS]
ARGS = ("name", "prepare", "call", "lacking", "allowed")


def _state(home: Agency) -> tuple[int, ...]:
    return (
        Activity.objects.count(),
        Enquiry.objects.filter(answered_on__isnull=False).count(),
        Enquiry.objects.filter(published_at__isnull=False).count(),
        Event.objects.count(),
    )


@pytest.mark.parametrize(ARGS, CALLS, ids=IDS)
def test_a_role_without_the_right_is_refused_and_nothing_is_written(
    home, people, name, prepare, call, lacking, allowed
):
    record = prepare(home)
    before = _state(home)
    with pytest.raises(NotPermitted, match="您的账号不能") as refused:
        call(people[lacking], record, home)
    assert refused.value.code == "permission"
    assert _state(home) == before


@pytest.mark.parametrize(ARGS, CALLS, ids=IDS)
def test_the_office_head_of_another_agency_is_refused(
    home, people, name, prepare, call, lacking, allowed
):
    record = prepare(home)
    before = _state(home)
    with pytest.raises(NotPermitted, match="不在您的工作范围内") as refused:
        call(people["other_head"], record, home)
    assert refused.value.code == "scope"
    assert _state(home) == before


@pytest.mark.parametrize(ARGS, CALLS, ids=IDS)
def test_the_right_role_in_scope_may(
    home, people, name, prepare, call, lacking, allowed
):
    record = prepare(home)
    before = _state(home)
    call(people[allowed], record, home)
    assert _state(home) != before
    assert Event.objects.count() == before[-1] + 1
    assert Event.objects.latest("pk").actor == people[allowed]


def test_anyone_may_ask(home):
    """Asking is the public's: the portal calls it as nobody, and it needs no right."""
    enquiry = _asked(home)
    assert Event.objects.get().verb == "enquiry_received"
    assert enquiry.answered_on is None
