"""The background tasks page: an administrator sees which tasks failed and why,
which wait and which run; nobody else sees it."""

from __future__ import annotations

import importlib
from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from gongkai.catalog.tasks import search_reindex
from gongkai.reports.tasks import version_files_render
from gongkai.testing.tasks import run_queue
from gongkai.workspace.background import TASK_NAMES, error_of

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
URL = "/workspace/tasks/"
REFUSED_NAME = TASK_NAMES["gongkai.reports.tasks.version_files_render"]
DONE_NAME = TASK_NAMES["gongkai.catalog.tasks.search_reindex"]
REBUILD = "gongkai.catalog.tasks.search_rebuild"


@pytest.fixture(autouse=True)
def database_tasks(db):
    with override_settings(TASKS=DATABASE_TASKS, GONGKAI_TASK_ATTEMPTS=2):
        yield


@pytest.fixture
def board(region):
    """A task refused (final at once), one that failed twice, one that succeeded,
    one waiting, one running."""
    refused = version_files_render.enqueue(version_id=987654)
    run_queue()
    with mock.patch(REBUILD, side_effect=RuntimeError("数据库暂时不可用")):
        flaky = search_reindex.enqueue()
        run_queue()
        DBTaskResult.objects.filter(pk=flaky.id).update(run_after=timezone.now())
        run_queue()
    search_reindex.enqueue()
    run_queue()
    waiting = search_reindex.enqueue()
    running = search_reindex.enqueue()
    DBTaskResult.objects.filter(pk=running.id).update(
        status="RUNNING", started_at=timezone.now(), worker_ids=["w1"]
    )
    return {"refused": refused.id, "flaky": flaky.id, "waiting": waiting.id}


def test_the_url_is_the_tasks_page():
    assert reverse("workspace:tasks") == URL


def test_an_administrator_sees_the_failed_tasks_first_with_their_error(
    region, client_as, board
):
    page = client_as(region.users["administrator"]).get(URL)

    assert page.status_code == 200
    html = page.content.decode()
    # Failed first, newest first; then the rest.
    failed_at = html.index("数据库暂时不可用"), html.index(REFUSED_NAME)
    assert failed_at[0] < failed_at[1] < html.index('id="queued"')
    assert "没有编号为 987654 的已发布年度报告版本。" in html
    failed = {t.id: t for t in page.context["board"].failed}
    refused, flaky = failed[str(board["refused"])], failed[str(board["flaky"])]
    assert (refused.name, refused.attempts) == (REFUSED_NAME, 1)  # not retried
    assert (flaky.name, flaky.attempts, flaky.error) == (
        DONE_NAME,
        2,
        "数据库暂时不可用",
    )
    counts = page.context["board"].counts
    assert counts == {"FAILED": 2, "READY": 1, "RUNNING": 1, "SUCCESSFUL": 1}
    assert [t.name for t in page.context["board"].succeeded] == [DONE_NAME]
    assert [t.id for t in page.context["board"].queued] == [str(board["waiting"])]


def test_a_task_waiting_for_its_retry_says_when_it_runs_again(region, client_as):
    with mock.patch(REBUILD, side_effect=RuntimeError("数据库暂时不可用")):
        failed = search_reindex.enqueue()
        run_queue()  # the first of two attempts

    page = client_as(region.users["administrator"]).get(URL)

    (queued,) = page.context["board"].queued
    assert queued.attempts == 1
    assert queued.run_after is not None and queued.run_after > timezone.now()
    assert queued.id == str(failed.id)
    assert page.context["board"].failed == []
    assert "Failed at" not in page.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("staff", 403),
        ("reviewer", 403),
        ("office_head", 403),
        ("supervisor", 403),
        ("other_staff", 403),
        ("administrator", 200),
    ],
)
def test_only_an_administrator_opens_the_page(region, client_as, role, status):
    assert client_as(region.users[role]).get(URL).status_code == status


def test_the_public_is_sent_to_sign_in(region, client_as):
    response = client_as(None).get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_workspace_menu_links_the_page_for_administrators_only(region, client_as):
    dashboard = reverse("workspace:dashboard")
    admin_page = client_as(region.users["administrator"]).get(dashboard)
    head_page = client_as(region.users["office_head"]).get(dashboard)

    assert f'href="{URL}"' in admin_page.content.decode()
    assert f'href="{URL}"' not in head_page.content.decode()


def test_the_page_costs_the_same_queries_however_many_tasks(region, client_as):
    client = client_as(region.users["administrator"])
    search_reindex.enqueue()
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _ in range(20):
        search_reindex.enqueue()
    with CaptureQueriesContext(connection) as many:
        client.get(URL)

    assert len(many) == len(one)


def _declared_tasks() -> list[str]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError:
            continue
        found += [
            f"{module.__name__}.{name}"
            for name, value in vars(module).items()
            if isinstance(value, Task) and value.func.__module__ == module.__name__
        ]
    return found


def test_every_task_gongkai_declares_has_a_chinese_name():
    """A new task without a name here would be listed as 其他后台任务."""
    declared = _declared_tasks()
    assert "gongkai.reports.tasks.version_files_render" in declared
    assert [path for path in declared if path not in TASK_NAMES] == []


@pytest.mark.parametrize(
    ("traceback", "error"),
    [
        (
            'Traceback (most recent call last):\n  File "x.py"\n'
            "gongkai.core.workflow.Refused: ['不允许。']\n",
            "不允许。",
        ),
        ("RuntimeError: 数据库暂时不可用", "数据库暂时不可用"),
        ("x.Refused: ['第一条。', '第二条。']", "第一条。；第二条。"),
        (
            "任务运行超过 600 秒仍未结束：不再重试。",
            "任务运行超过 600 秒仍未结束：不再重试。",
        ),
        ("", ""),
    ],
)
def test_the_error_is_the_tracebacks_last_line_without_the_class(traceback, error):
    assert error_of(traceback) == error


def test_a_running_task_started_long_ago_is_still_listed_as_running(region, client_as):
    result = search_reindex.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=1)
    )

    page = client_as(region.users["administrator"]).get(URL)

    assert [t.name for t in page.context["board"].running] == [DONE_NAME]
