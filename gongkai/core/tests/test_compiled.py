"""Querysets compiled once (``core.compiled``): the same rows as the ORM's, from
SQL written once per process."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import AttestedFigure
from gongkai.catalog.models import Item
from gongkai.core.compiled import compiled, together
from gongkai.reports.builder import build_report
from gongkai.reports.models import ReportVersion
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


def _latest(agency_id: int, count: int):
    return (
        Item.objects.filter(agency_id=agency_id, status="published")
        .order_by("-published_on", "-pk")
        .values_list("pk", "title", "published_on", "agency__name")[:count]
    )


@compiled(agency_id=-1)
def latest(*, agency_id: int, count: int):
    return _latest(agency_id, count)


@pytest.fixture
def two_agencies():
    first, second = factories.AgencyFactory(), factories.AgencyFactory()
    for n, agency in enumerate([first, second, first, second, first]):
        factories.ItemFactory(agency=agency, formed_on=date(2025, 1, 1 + n))
    factories.ItemFactory(agency=first, draft=True)
    return first, second


def test_the_rows_are_the_querysets_own_with_dates_as_dates(two_agencies):
    for agency in two_agencies:
        for count in (1, 2, 5):
            rows = latest(agency_id=agency.pk, count=count)
            assert rows == list(_latest(agency.pk, count))
    assert isinstance(latest(agency_id=two_agencies[0].pk, count=1)[0][2], date)


def test_it_is_compiled_once_per_fixed_argument_and_each_call_is_one_query(
    two_agencies,
):
    @compiled(agency_id=-1)
    def fresh(*, agency_id: int, count: int):
        return _latest(agency_id, count)

    first, second = two_agencies
    real = SQLCompiler.as_sql
    compilations = []

    def counted(self, *args, **kwargs):
        compilations.append(self.query.model)
        return real(self, *args, **kwargs)

    with (
        mock.patch.object(SQLCompiler, "as_sql", counted),
        CaptureQueriesContext(connection) as asked,
    ):
        assert len(fresh(agency_id=first.pk, count=5)) == 3
        assert len(fresh(agency_id=second.pk, count=5)) == 2
        assert len(fresh(agency_id=first.pk, count=1)) == 1
    assert len(compilations) == 2  # count=5, then count=1
    assert len(asked) == 3


def test_on_postgresql_a_read_run_again_is_planned_once(two_agencies):
    """The fifth run of a compiled read prepares it on the connection: PostgreSQL
    then runs its plan without planning again. Every run is still one query
    Django sees, and the same rows."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [sql for (sql,) in cursor.fetchall()]

    first, _ = two_agencies
    with CaptureQueriesContext(connection) as asked:
        rows = [latest(agency_id=first.pk, count=5) for _ in range(6)]
    assert len(asked) == 6 and all(r == rows[0] for r in rows) and len(rows[0]) == 3
    head = latest.asked(agency_id=first.pk, count=5).query.sql.partition("%s")[0]
    assert any(statement.startswith(head) for statement in prepared())


@compiled(ids=[-1])
def attested_at(*, ids: list[int]):
    return AttestedFigure.objects.filter(pk__in=ids).values_list("pk", "attested_at")


def test_a_time_read_compiled_is_the_querysets_own(agency):
    """Times come back aware, to the microsecond, as Django's own read gives them
    (SQLite's converter is replaced by a quicker one that must agree)."""
    at = [
        datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC),
    ]
    ids = [
        factories.AttestedFigureFactory(agency=agency, key=key, attested_at=when).pk
        for key, when in zip(
            ("penalty.decisions", "licensing.decisions"), at, strict=True
        )
    ]

    rows = attested_at(ids=ids)

    expected = list(
        AttestedFigure.objects.filter(pk__in=ids).values_list("pk", "attested_at")
    )
    assert sorted(rows) == sorted(expected) == sorted(zip(ids, at, strict=True))
    assert all(when.utcoffset() == timedelta(0) for _, when in rows)


def test_a_reports_grouped_queries_are_not_prepared(agency):
    """A report's aggregates depend on the year's dates for their best plan, so
    they are never prepared statements, which PostgreSQL may run on one plan for
    every year."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    factories.ApplicationFactory(agency=agency, received_on=date(2021, 3, 1))
    for _ in range(7):
        build_report(agency=agency, year=2021)

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = " ".join(sql for (sql,) in cursor.fetchall())
    assert "applications_application" not in statements


@compiled(ids=[-1])
def titled(*, ids: list[int]):
    return Item.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "title")


def test_a_list_argument_takes_any_length_and_repeats(two_agencies):
    pks = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    for chosen in (pks[:1], pks[:3], pks[2:5], [pks[1], pks[1]], pks[:3]):
        expected = Item.objects.filter(pk__in=chosen).order_by("pk")
        assert titled(ids=chosen) == list(expected.values_list("pk", "title"))


def test_a_stand_in_must_reach_the_sql_once():
    @compiled(agency_id=-1)
    def ignores_it(*, agency_id: int):
        return Item.objects.values_list("pk")

    @compiled(agency_id=-1)
    def twice(*, agency_id: int):
        return Item.objects.filter(agency_id=agency_id, pk=agency_id).values_list("pk")

    for function in (ignores_it, twice):
        with pytest.raises(ValueError, match="应恰好一次"):
            function(agency_id=1)

    @compiled(year=-1)  # a year is a positive small integer: no row has -1
    def out_of_range(*, year: int):
        return ReportVersion.objects.filter(year=year).values_list("pk")

    with pytest.raises(ValueError, match="查询为空"):
        out_of_range(year=2024)


def test_only_a_values_list_of_fields():
    @compiled()
    def models():
        return Item.objects.all()

    with pytest.raises(TypeError):
        models()


def test_reads_together_give_each_its_rows_in_one_round_trip_on_postgresql(
    two_agencies,
):
    first, second = two_agencies
    pks = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    asked = [
        latest.asked(agency_id=first.pk, count=5),
        titled.asked(ids=pks[:2]),
        latest.asked(agency_id=second.pk, count=1),
    ]
    with CaptureQueriesContext(connection) as sent:
        answers = together(*asked)
    assert answers == [a.tuples() for a in asked]
    assert [len(rows) for rows in answers] == [3, 2, 1]
    assert len(sent) == (1 if connection.vendor == "postgresql" else 3)


def test_with_server_side_binding_reads_together_are_asked_in_turn(
    two_agencies, monkeypatch
):
    """A prepared statement holds one statement: nothing is sent together."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    monkeypatch.setitem(options, "server_side_binding", True)
    first, second = two_agencies
    with CaptureQueriesContext(connection) as sent:
        together(
            latest.asked(agency_id=first.pk, count=5),
            latest.asked(agency_id=second.pk, count=5),
        )
    assert len(sent) == 2


@compiled(agency_id=-1, year=32767)
def versions(*, agency_id: int, year: int):
    return ReportVersion.objects.filter(agency_id=agency_id, year=year).values_list(
        "pk"
    )


@pytest.mark.parametrize(
    "asked",
    [
        {"agency_id": 1, "year": -1},  # a positive field
        {"agency_id": 10**20, "year": 2024},  # past any integer column
        {"agency_id": -(10**20), "year": 2024},
    ],
)
def test_a_value_outside_its_columns_range_matches_nothing_without_asking(asked):
    """As Django's own queries conclude; the database would refuse the number."""
    versions(agency_id=1, year=2024)  # compiled
    with CaptureQueriesContext(connection) as sent:
        assert versions(**asked) == []
        assert together(versions.asked(**asked), versions.asked(**asked)) == [[], []]
    assert len(sent) == 0


def test_past_a_smallint_is_no_row_on_either_database():
    """PostgreSQL's smallint refuses 40,000 (so it is not asked); SQLite keeps
    any 64-bit integer in any column (so it is, and finds nothing)."""
    assert versions(agency_id=1, year=40_000) == []
