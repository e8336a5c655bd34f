"""Every service that changes a case refuses, before it writes anything, a user whose
role may not record cases and a user of another agency; the agency's own staff may."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from typing import Any

import pytest

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.cases import services
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted
from gongkai.testing import factories

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def home() -> Agency:
    return factories.AgencyFactory(name="测试县甲局")


@pytest.fixture
def people(home: Agency) -> dict[str, User]:
    other = factories.AgencyFactory(name="测试县乙局")
    return {
        "staff": factories.UserFactory(username="staff_a", agency=home),
        "supervisor": factories.UserFactory(
            username="supervisor", role=User.Role.SUPERVISOR, agency=home
        ),
        "other_staff": factories.UserFactory(username="staff_b", agency=other),
    }


def _filed(home: Agency) -> Any:
    return services.review_file(acting_user=None, agency=home, filed_on=D(2025, 3, 1))


def _served(home: Agency) -> Any:
    case = _filed(home)
    return services.case_serve(acting_user=None, case=case, served_on=D(2025, 3, 3))


# (name, prepare the record, call the service as ``user``)
CALLS: list[tuple[str, Callable[[Agency], Any], Callable[[Any, Any, Agency], Any]]] = [
    (
        "review_file",
        lambda home: None,
        lambda user, _, home: services.review_file(
            acting_user=user, agency=home, filed_on=D(2025, 3, 1)
        ),
    ),
    (
        "litigation_file",
        lambda home: None,
        lambda user, _, home: services.litigation_file(
            acting_user=user, agency=home, filed_on=D(2025, 3, 1)
        ),
    ),
    (
        "complaint_file",
        lambda home: None,
        lambda user, _, home: services.complaint_file(
            acting_user=user, agency=home, filed_on=D(2025, 3, 1), subject="逾期"
        ),
    ),
    (
        "case_serve",
        _filed,
        lambda user, case, _: services.case_serve(
            acting_user=user, case=case, served_on=D(2025, 3, 3)
        ),
    ),
    (
        "case_answer",
        _served,
        lambda user, case, _: services.case_answer(
            acting_user=user, case=case, answered_on=D(2025, 3, 10)
        ),
    ),
    (
        "case_schedule_hearing",
        _served,
        lambda user, case, _: services.case_schedule_hearing(
            acting_user=user, case=case, hearing_on=D(2025, 4, 1)
        ),
    ),
    (
        "case_conclude",
        _filed,
        lambda user, case, _: services.case_conclude(
            acting_user=user, case=case, result="upheld", concluded_on=D(2025, 5, 1)
        ),
    ),
    (
        "case_attach",
        _filed,
        lambda user, case, _: services.case_attach(
            acting_user=user, case=case, file=BytesIO(b"%PDF-1.4"), name="副本.pdf"
        ),
    ),
]
IDS = [name for name, _, _ in CALLS]


@pytest.mark.parametrize(("name", "prepare", "call"), CALLS, ids=IDS)
@pytest.mark.parametrize("who", ["supervisor", "other_staff"])
def test_a_user_without_the_right_is_refused_and_nothing_is_written(
    home, people, name, prepare, call, who
):
    """A supervisor (whose role only reads) and staff of another agency are refused
    in Chinese, and the audit log does not grow."""
    record = prepare(home)
    events = Event.objects.count()
    with pytest.raises(NotPermitted) as refused:
        call(people[who], record, home)
    assert refused.value.code == ("permission" if who == "supervisor" else "scope")
    assert Event.objects.count() == events


@pytest.mark.parametrize(("name", "prepare", "call"), CALLS, ids=IDS)
def test_the_agencys_own_staff_may(home, people, name, prepare, call):
    """The agency's staff take the step, and it leaves one event in their name."""
    record = prepare(home)
    events = Event.objects.count()
    call(people["staff"], record, home)
    assert Event.objects.count() == events + 1
    assert Event.objects.latest("pk").actor == people["staff"]
