"""Every service that changes an agency or its yearly facts refuses, before it writes
anything, a user whose role lacks the right and a user of another agency."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gongkai.accounts.models import User
from gongkai.agencies import services
from gongkai.agencies.models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Guide,
    Meeting,
    Training,
)
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

    def user(name: str, role: str, agency: Agency | None) -> User:
        return factories.UserFactory(username=name, role=role, agency=agency)

    return {
        "staff": user("staff_a", User.Role.STAFF, home),
        "head": user("head_a", User.Role.OFFICE_HEAD, home),
        "supervisor": user("supervisor", User.Role.SUPERVISOR, home),
        "other_head": user("head_b", User.Role.OFFICE_HEAD, other),
        "administrator": user("admin", User.Role.ADMINISTRATOR, None),
    }


def _create(user: Any, home: Agency) -> Any:
    return services.agency_create(
        acting_user=user,
        name="测试县甲局执法大队",
        level=Agency.Level.COUNTY,
        kind=Agency.Kind.DISPATCHED,
        parent=home,
    )


def _year(user: Any, home: Agency) -> Any:
    return services.agency_year_set(
        acting_user=user, agency=home, year=2025, full_time_staff=2
    )


def _attest(user: Any, home: Agency) -> Any:
    return services.attested_figure_set(
        acting_user=user,
        agency=home,
        year=2025,
        key="licensing.decisions",
        value=Decimal(12),
        source_document="审批系统2025年统计表",
    )


def _guide(user: Any, home: Agency) -> Any:
    return services.guide_update(acting_user=user, agency=home, phone="0859-1234567")


def _meeting(user: Any, home: Agency) -> Any:
    return services.gathering_record(
        acting_user=user,
        kind="meeting",
        agency=home,
        held_on=date(2025, 5, 8),
        title="政务公开工作推进会",
        attendees=30,
    )


def _delete_training(user: Any, home: Agency) -> Any:
    training = Training.objects.create(
        agency=home, held_on=date(2025, 6, 2), title="条例培训", attendees=12
    )
    return services.gathering_delete(acting_user=user, record=training)


# (service, call, the model it writes, who lacks the right by role, who may)
CALLS: list[tuple[str, Callable[[Any, Agency], Any], type, str, str]] = [
    ("agency_create", _create, Agency, "head", "administrator"),
    ("agency_year_set", _year, AgencyYear, "staff", "head"),
    ("attested_figure_set", _attest, AttestedFigure, "staff", "head"),
    ("guide_update", _guide, Guide, "supervisor", "staff"),
    ("gathering_record", _meeting, Meeting, "supervisor", "staff"),
    ("gathering_delete", _delete_training, Event, "supervisor", "staff"),
]
IDS = [c[0] for c in CALLS]
ARGS = ("name", "call", "model", "lacking", "allowed")


@pytest.mark.parametrize(ARGS, CALLS, ids=IDS)
def test_a_role_without_the_right_is_refused_and_nothing_is_written(
    home, people, name, call, model, lacking, allowed
):
    rows, events = model.objects.count(), Event.objects.count()
    with pytest.raises(NotPermitted, match="您的账号不能") as refused:
        call(people[lacking], home)
    assert refused.value.code == "permission"
    assert (model.objects.count(), Event.objects.count()) == (rows, events)


@pytest.mark.parametrize(
    ARGS,
    [c for c in CALLS if c[0] != "agency_create"],
    ids=[i for i in IDS if i != "agency_create"],
)
def test_the_office_head_of_another_agency_is_refused(
    home, people, name, call, model, lacking, allowed
):
    """An agency's facts are its own: the head of 乙局 may not write 甲局's."""
    rows, events = model.objects.count(), Event.objects.count()
    with pytest.raises(NotPermitted, match="不在您的工作范围内") as refused:
        call(people["other_head"], home)
    assert refused.value.code == "scope"
    assert (model.objects.count(), Event.objects.count()) == (rows, events)


def test_only_an_administrator_adds_an_agency_to_the_tree(home, people):
    """Not even the head of the parent agency: the tree is the whole system's."""
    for who in ("staff", "head", "supervisor", "other_head"):
        with pytest.raises(NotPermitted):
            _create(people[who], home)
    assert not Agency.objects.filter(name="测试县甲局执法大队").exists()


@pytest.mark.parametrize(ARGS, CALLS, ids=IDS)
def test_the_right_role_in_scope_may(home, people, name, call, model, lacking, allowed):
    events = Event.objects.count()
    call(people[allowed], home)
    assert Event.objects.count() == events + 1
    assert Event.objects.latest("pk").actor == people[allowed]
