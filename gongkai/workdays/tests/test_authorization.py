"""The working-day calendar is national: only an administrator (or the system,
from a command) changes it; an agency's office head may not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from gongkai.accounts.models import User
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted
from gongkai.testing import factories
from gongkai.workdays.models import CalendarDay
from gongkai.workdays.selectors import work_calendar
from gongkai.workdays.services import (
    calendar_day_set,
    calendar_import_package,
    calendar_year_load,
)

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def people() -> dict[str, User]:
    home = factories.AgencyFactory(name="测试县甲局")

    def user(name: str, role: str, agency: Any) -> User:
        return factories.UserFactory(username=name, role=role, agency=agency)

    return {
        "staff": user("staff_a", User.Role.STAFF, home),
        "head": user("head_a", User.Role.OFFICE_HEAD, home),
        "supervisor": user("supervisor", User.Role.SUPERVISOR, home),
        "administrator": user("admin", User.Role.ADMINISTRATOR, None),
    }


CALLS: dict[str, Callable[[Any], Any]] = {
    "calendar_year_load": lambda user: calendar_year_load(
        acting_user=user, year=2027, holidays={D(2027, 1, 1): "元旦"}, workdays={}
    ),
    "calendar_day_set": lambda user: calendar_day_set(
        acting_user=user, day=D(2025, 6, 30), kind="holiday", name="测试"
    ),
    "calendar_import_package": lambda user: calendar_import_package(
        acting_user=user, years=[2025]
    ),
}


@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("who", ["staff", "head", "supervisor"])
def test_anyone_but_an_administrator_is_refused(people, name, who):
    days, events = CalendarDay.objects.count(), Event.objects.count()
    with pytest.raises(NotPermitted, match="维护工作日日历"):
        CALLS[name](people[who])
    assert (CalendarDay.objects.count(), Event.objects.count()) == (days, events)
    assert work_calendar().is_workday(D(2025, 6, 30))


@pytest.mark.parametrize("name", CALLS)
@pytest.mark.parametrize("who", ["administrator", None])
def test_an_administrator_or_the_system_may(people, name, who):
    user = people[who] if who else None
    events = Event.objects.count()
    CALLS[name](user)
    assert Event.objects.count() > events
    assert Event.objects.latest("pk").actor == user
