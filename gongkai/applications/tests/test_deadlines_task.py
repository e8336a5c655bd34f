"""A calendar change queues the recompute of open due dates as a background task:
the page that saved the change returns before any due date moves, a worker moves
them, and running the task again moves nothing twice."""

from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from gongkai.applications.models import Application
from gongkai.applications.tasks import deadlines_recompute_after
from gongkai.core.models import Event
from gongkai.testing.tasks import run_queue
from gongkai.workdays.services import calendar_day_set

from .helpers import registered

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HOLIDAY = date(2025, 6, 30)


def _due(application: Application) -> date | None:
    application.refresh_from_db()
    return application.due_on


def _moved_events(application: Application) -> list[dict[str, str]]:
    return [
        event.data
        for event in Event.objects.filter(
            verb="deadline_recomputed", object_id=str(application.pk)
        ).order_by("pk")
    ]


@override_settings(TASKS=DATABASE_TASKS)
def test_the_admin_page_returns_before_the_recompute_and_a_worker_moves_the_date(
    admin_client, agency, head
):
    application = registered(agency, head, received_on=date(2025, 6, 9))
    assert _due(application) == date(2025, 7, 7)

    response = admin_client.post(
        reverse("admin:workdays_calendarday_add"),
        {"day": HOLIDAY.isoformat(), "kind": "holiday", "name": "误录"},
    )

    assert response.status_code == 302
    assert _due(application) == date(2025, 7, 7)  # not yet: the task is queued
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"]["days"] == ["2025-06-30"]
    run_queue()
    assert _due(application) == date(2025, 7, 8)
    assert [(e["from"], e["to"]) for e in _moved_events(application)] == [
        ("2025-07-07", "2025-07-08")
    ]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_rerun_of_the_task_moves_nothing_twice(agency, head):
    application = registered(agency, head, received_on=date(2025, 6, 9))
    calendar_day_set(acting_user=None, day=HOLIDAY, kind="holiday", name="测试")
    run_queue()
    assert _due(application) == date(2025, 7, 8)
    assert len(_moved_events(application)) == 1

    again = deadlines_recompute_after.call(days=["2025-06-30"], acting_user_id=None)
    everything = deadlines_recompute_after.call(days=None, acting_user_id=None)

    assert again["moved"] == everything["moved"] == 0
    assert again["checked"] >= 1
    assert _due(application) == date(2025, 7, 8)
    assert len(_moved_events(application)) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_two_queued_changes_each_move_a_date_once_over_the_calendar_as_stored(
    agency, head
):
    """The task reads the calendar when it runs: the first of two queued changes
    already counts the second, and the second then finds nothing left to move."""
    application = registered(agency, head, received_on=date(2025, 6, 9))
    calendar_day_set(acting_user=None, day=HOLIDAY, kind="holiday", name="测试")
    calendar_day_set(acting_user=None, day=date(2025, 7, 1), kind="holiday", name="测")
    assert DBTaskResult.objects.count() == 2

    run_queue()

    assert _due(application) == date(2025, 7, 9)
    assert [e["to"] for e in _moved_events(application)] == ["2025-07-09"]
    assert sorted(r.return_value["moved"] for r in DBTaskResult.objects.all()) == [0, 1]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_calendar_change_rolled_back_queues_nothing(agency, head):
    application = registered(agency, head, received_on=date(2025, 6, 9))
    with pytest.raises(RuntimeError), transaction.atomic():
        calendar_day_set(acting_user=None, day=HOLIDAY, kind="holiday", name="测试")
        raise RuntimeError("the request failed after the change")

    assert not DBTaskResult.objects.exists()
    run_queue()
    assert _due(application) == date(2025, 7, 7)


def test_the_task_records_who_changed_the_calendar(agency, head, admin_user):
    """With tasks run at once (the test settings), the change's author is the
    author of the moved due dates' events."""
    application = registered(agency, head, received_on=date(2025, 6, 9))
    calendar_day_set(acting_user=admin_user, day=HOLIDAY, kind="holiday", name="测")
    assert _due(application) == date(2025, 7, 8)
    event = Event.objects.get(verb="deadline_recomputed", object_id=str(application.pk))
    assert event.actor == admin_user
