"""Recomputing every open due date after a calendar change, in bulk: the same due
dates and events as reckoning each application on its own."""

import random
from datetime import date

import pytest

from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import synthetic_agency
from gongkai.applications import clock
from gongkai.applications.models import Application
from gongkai.applications.selectors import clock_inputs
from gongkai.applications.services import deadlines_recompute
from gongkai.applications.synthetic import clocked_applications
from gongkai.core.models import Event
from gongkai.workdays.arithmetic import WorkCalendar
from gongkai.workdays.selectors import work_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledgers():
    """An agency's 300 open applications over 2025, with every kind of ledger
    (补正 answered or not, consultations and fee notices open or ended,
    extensions), their due dates as stored."""
    agency, _ = synthetic_agency(
        name="测试局",
        code_stem="11520000BENCH0009",
        level=Agency.Level.CITY,
        kind=Agency.Kind.DEPARTMENT,
    )
    clocked_applications(agency, year=2025, count=300, rng=random.Random(7), prefix="T")
    return agency


def _one_by_one(calendar: WorkCalendar) -> dict[int, date | None]:
    """Each open application's due date, reckoned alone from its ledger."""
    applications = list(Application.objects.filter(closed_on__isnull=True))
    return {
        pk: clock.due_date(clock_in, calendar)
        for pk, clock_in in clock_inputs(applications).items()
    }


def test_a_calendar_change_moves_exactly_the_due_dates_it_changes(ledgers):
    """With a week of June 2025 made holidays, every open application gets the due
    date it would get reckoned alone, and one event for each that moved, saying
    from what to what under which calendar."""
    before = dict(Application.objects.values_list("pk", "due_on"))
    holidays = [(date(2025, 6, d), "测试") for d in range(23, 28)]
    calendar = WorkCalendar.build(holidays=holidays, workdays=[], years=[2025])

    result = deadlines_recompute(acting_user=None, calendar=calendar)

    expected = _one_by_one(calendar)
    after = dict(Application.objects.values_list("pk", "due_on"))
    assert after == {**before, **expected}
    moved = {pk for pk, due in expected.items() if due != before[pk]}
    assert (result.checked, result.moved) == (300, len(moved))
    assert 0 < len(moved) < 300  # the change moves some due dates, not all
    events = Event.objects.filter(verb="deadline_recomputed")
    assert {int(e.object_id): (e.data, e.actor) for e in events} == {
        pk: (
            {
                "from": before[pk].isoformat() if before[pk] else None,
                "to": expected[pk].isoformat() if expected[pk] else None,
                "calendar_version": calendar.version,
            },
            None,
        )
        for pk in moved
    }


def test_recomputing_again_under_the_same_calendar_moves_nothing(ledgers):
    holidays = [(date(2025, 6, 30), "测试")]
    calendar = WorkCalendar.build(holidays=holidays, workdays=[], years=[2025])
    deadlines_recompute(acting_user=None, calendar=calendar)
    events = Event.objects.filter(verb="deadline_recomputed").count()

    again = deadlines_recompute(acting_user=None, calendar=calendar)

    assert again.moved == 0
    assert Event.objects.filter(verb="deadline_recomputed").count() == events


def test_told_the_changed_days_it_moves_the_same_due_dates_reading_fewer(ledgers):
    """Told which days changed, it derives again only the applications whose
    counting may cross them, and every due date still ends as reckoned alone."""
    stored = work_calendar()  # the calendar the stored due dates were counted on
    changed = [date(2025, 6, d) for d in range(23, 28)]
    calendar = WorkCalendar.build(
        holidays={**stored.holidays, **dict.fromkeys(changed, "测试")},
        workdays=stored.workdays,
        years=stored.years,
    )

    result = deadlines_recompute(acting_user=None, calendar=calendar, days=changed)

    after = dict(Application.objects.values_list("pk", "due_on"))
    assert after == {**after, **_one_by_one(calendar)}
    assert 0 < result.moved <= result.checked < 300


def test_in_many_small_batches_it_moves_the_same_due_dates(ledgers, monkeypatch):
    """Read, reckoned and written a few applications at a time (the last batch
    short), every due date still ends as reckoned alone, with one event for each
    that moved."""
    from gongkai.applications.services import deadlines

    monkeypatch.setattr(deadlines, "BATCH", 7)
    monkeypatch.setattr(deadlines, "IDS_BATCH", 5)
    monkeypatch.setattr(deadlines, "EVENT_BATCH", 3)
    before = dict(Application.objects.values_list("pk", "due_on"))
    holidays = [(date(2025, 6, d), "测试") for d in range(23, 28)]
    calendar = WorkCalendar.build(holidays=holidays, workdays=[], years=[2025])

    result = deadlines_recompute(acting_user=None, calendar=calendar)

    expected = _one_by_one(calendar)
    assert dict(Application.objects.values_list("pk", "due_on")) == {
        **before,
        **expected,
    }
    moved = {pk for pk, due in expected.items() if due != before[pk]}
    assert (result.checked, result.moved) == (300, len(moved))
    recorded = Event.objects.filter(verb="deadline_recomputed")
    assert sorted(int(pk) for pk in recorded.values_list("object_id", flat=True)) == (
        sorted(moved)
    )
