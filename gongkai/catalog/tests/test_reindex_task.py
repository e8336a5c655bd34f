"""``gongkai catalog reindex --background``: the rebuild as a background task."""

import pytest
from click.testing import CliRunner
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from gongkai.catalog.models import SearchIndexBuild
from gongkai.cli import main
from gongkai.core.tasks import Worker
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_background_reindex_is_queued_and_a_worker_builds_it(agency):
    factories.ItemFactory.create_batch(3, agency=agency)
    result = CliRunner().invoke(
        main, ["catalog", "reindex", "--background"], catch_exceptions=False
    )
    assert "后台任务" in result.output
    assert not SearchIndexBuild.objects.exists()
    Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        abandoned_after=600,
    ).run()
    assert SearchIndexBuild.objects.get().items == 3
    assert DBTaskResult.objects.get().return_value == 3
