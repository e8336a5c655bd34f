"""The read replica: the public's reads go there only inside ``reading_replica()``;
writes and every other read go to the primary.

A second database stands in for the replica: a SQLite file holding a table of its
own rows, so a test sees which database answered.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.db.utils import load_backend
from django.http import HttpRequest, HttpResponse

from gongkai.agencies.models import Agency
from gongkai.core.routers import (
    REPLICA,
    ReplicaRouter,
    reading_replica,
    reads_from_replica,
)
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[str]:
    """The alias ``replica``: a database of its own, with the agencies' table and
    one agency the primary does not have. Named in ``DATABASES`` as the settings
    name it; its connection is made here (the test's own database stays the only
    one the test framework manages)."""
    config = connections.configure_settings(
        {
            "default": connections.settings["default"],
            REPLICA: {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": tmp_path / "r.db",
            },
        }
    )[REPLICA]
    wrapper = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias=REPLICA)
    connections[REPLICA] = wrapper
    try:
        with wrapper.schema_editor() as editor:
            editor.create_model(Agency)
        Agency.objects.using(REPLICA).create(name="副本中的机关", path="9999")
        # Connected before the settings name it, as the test framework allows.
        settings.DATABASES[REPLICA] = config
        yield REPLICA
    finally:
        wrapper.close()
        del connections[REPLICA]
        settings.DATABASES.pop(REPLICA, None)


def names() -> list[str]:
    return list(Agency.objects.order_by("name").values_list("name", flat=True))


@pytest.fixture
def primary_agency(db) -> Agency:
    return factories.AgencyFactory(name="主库中的机关")


def test_reads_go_to_the_primary_outside_the_context(replica, primary_agency):
    assert names() == ["主库中的机关"]


def test_reads_go_to_the_replica_inside_the_context(replica, primary_agency):
    with reading_replica():
        assert names() == ["副本中的机关"]
    assert names() == ["主库中的机关"]


def test_writes_inside_the_context_go_to_the_primary(replica, primary_agency):
    with reading_replica():
        made = factories.AgencyFactory(name="新建的机关")

    assert made._state.db == "default"
    assert Agency.objects.using("default").filter(name="新建的机关").exists()
    assert not Agency.objects.using(REPLICA).filter(name="新建的机关").exists()


def test_a_decorated_view_reads_from_the_replica(replica, primary_agency):
    @reads_from_replica
    def view(request: HttpRequest) -> HttpResponse:
        """A public list."""
        return HttpResponse("、".join(names()))

    assert view(HttpRequest()).content.decode() == "副本中的机关"
    assert view.__doc__ == "A public list."
    assert names() == ["主库中的机关"]


def test_the_context_ends_even_when_the_view_raises(replica, primary_agency):
    @reads_from_replica
    def view(request: HttpRequest) -> HttpResponse:
        raise ValueError("出错")

    with pytest.raises(ValueError):
        view(HttpRequest())

    assert names() == ["主库中的机关"]


def test_another_thread_is_not_in_the_context(replica, primary_agency):
    """A context belongs to the thread (request) that entered it."""
    seen: list[str] = []
    with reading_replica():
        thread = threading.Thread(
            target=lambda: seen.append(router.db_for_read(Agency))
        )
        thread.start()
        thread.join()

    assert seen == ["default"]


def test_sessions_and_the_task_queue_are_read_from_the_primary(replica):
    with reading_replica():
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(Agency) == REPLICA


def test_a_record_reached_from_a_primary_record_is_read_where_it_was(replica):
    county = factories.AgencyFactory(name="县政府")
    unit = factories.AgencyFactory(name="县局", parent=county)
    unit = Agency.objects.get(pk=unit.pk)

    with reading_replica():
        assert router.db_for_read(Agency, instance=unit) == "default"
        assert unit.parent.name == "县政府"


def test_without_a_replica_the_context_changes_nothing(primary_agency):
    with reading_replica():
        assert router.db_for_read(Agency) == "default"
        assert names() == ["主库中的机关"]


def test_nothing_is_migrated_on_the_replica():
    rules = ReplicaRouter()

    assert rules.allow_migrate(REPLICA, "agencies") is False
    assert rules.allow_migrate("default", "agencies") is None
