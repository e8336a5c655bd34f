"""``gongkai catalog reindex --background``: the rebuild as a background task."""

import pytest
from click.testing import CliRunner
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from gongkai.catalog.models import SearchIndexBuild
from gongkai.cli import main
from gongkai.testing import factories
from gongkai.testing.tasks import run_queue

pytestmark = pytest.mark.django_db


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_background_reindex_is_queued_and_a_worker_builds_it(agency):
    factories.ItemFactory.create_batch(3, agency=agency)
    result = CliRunner().invoke(
        main, ["catalog", "reindex", "--background"], catch_exceptions=False
    )
    assert "后台任务" in result.output
    assert not SearchIndexBuild.objects.exists()
    run_queue()
    assert SearchIndexBuild.objects.get().items == 3
    assert DBTaskResult.objects.get().return_value == 3
