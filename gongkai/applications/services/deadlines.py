"""Keeping due dates true when the calendar changes.

A due date is derived from the application's deadline ledger and the working-day
calendar. When staff add or correct holidays (``gongkai.workdays`` sends
``calendar_changed``), every open application's due date is derived again, in the
background (``gongkai.applications.tasks``); each one that moved gets an event
saying from what to what, under which calendar version. Writes are in bulk: on
PostgreSQL one UPDATE and one INSERT per batch, their rows passed as arrays.

When the sender says which days changed (``days``), only the applications whose
counting could cross one of them are derived again: a due date counts the working
days after its day zero up to itself, so an application received after the last
changed day, or whose due date comes before the first, keeps it. Without ``days``
every open application is.

It is the system's own work (a command, the calendar's signal, run by the operator)
or an administrator's: a user may move only due dates of applications they may
handle, so it asks ``application.handle`` on every agency with an open application.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import CharField, F, Q
from django.db.models.functions import Cast
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.core.models import Event
from gongkai.workdays.arithmetic import WorkCalendar

from .. import clock
from ..models import (
    Application,
    Consultation,
    CorrectionRequest,
    Extension,
    FeeNotice,
)

BATCH = 25_000  # applications read, reckoned and written at a time
IDS_BATCH = 10_000  # ids in one ``IN (…)`` list
EVENT_BATCH = 1_000  # rows per INSERT: 6,000 parameters, within every backend's limit

Moved = tuple[int, str | None, str | None]  # id, due date before and after (ISO)


@dataclass(frozen=True)
class Recomputed:
    checked: int
    moved: int


@transaction.atomic
def deadlines_recompute(
    *,
    acting_user: User | None,
    calendar: WorkCalendar,
    days: Collection[date] | None = None,
) -> Recomputed:
    """Derive again the due date of every received, open application; write the
    moved ones and one ``deadline_recomputed`` event for each, in bulk.

    Many applications share a ledger (received the same day, nothing else
    recorded), so each distinct ledger is reckoned once."""
    deadlines_recompute_authorize(acting_user=acting_user, days=days)
    due_date = _DueDates(calendar)
    content_type = ContentType.objects.get_for_model(Application)
    checked = moved = 0
    for batch in _open_batches(days):
        ledgers = _Ledgers.read(batch[0][0], batch[-1][0])
        recorded, plain = ledgers.recorded, due_date.plain
        changed = [
            (pk, old, new)
            for pk, received, old in batch
            if (
                new := due_date.recorded(pk, received, ledgers)
                if pk in recorded
                else plain(received)
            )
            != old
        ]
        _store(changed)
        _events_write(changed, acting_user, content_type, calendar.version)
        checked += len(batch)
        moved += len(changed)
    return Recomputed(checked=checked, moved=moved)


def deadlines_recompute_authorize(
    *, acting_user: User | None, days: Collection[date] | None = None
) -> None:
    """Refuse a user who may not handle an application whose due date the
    recompute told ``days`` may move (the system may)."""
    if acting_user is None:
        return
    for agency in Agency.objects.filter(
        pk__in=_open(days).values("agency_id").distinct()
    ):
        authorize(acting_user, Permission.APPLICATION_HANDLE, agency)


MISSING: Any = object()


class _DueDates:
    """``clock.due_date`` over one calendar, in ISO text. An application with
    nothing recorded but its receipt has the due date of its receipt day, reckoned
    once per day."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self.by_receipt: dict[str, str | None] = {}
        self.without_pauses: dict[tuple[Any, ...], str | None] = {}
        self.next_day = settings.GONGKAI_COUNT_FROM_NEXT_DAY

    def plain(self, received: str) -> str | None:
        """The due date of an application with nothing recorded but its receipt."""
        try:
            return self.by_receipt[received]
        except KeyError:
            found = self.by_receipt[received] = self._reckoned(
                clock.ClockInput(
                    received_on=date.fromisoformat(received),
                    count_from_next_day=self.next_day,
                )
            )
            return found

    def recorded(self, pk: int, received: str, ledgers: _Ledgers) -> str | None:
        """The due date of an application with a ledger beside its receipt; one
        without pauses is reckoned once per distinct ledger (many share one)."""
        corrected, counts = ledgers.corrections.get(pk, MISSING), ledgers.days.get(pk)
        extension = counts.get(Extension.Kind.EXTENSION, 0) if counts else 0
        delay = counts.get(Extension.Kind.DELAY, 0) if counts else 0
        pauses = ledgers.pauses.get(pk)
        key = (received, corrected, extension, delay)
        if not pauses and key in self.without_pauses:
            return self.without_pauses[key]
        found = self._reckoned(
            clock.ClockInput(
                received_on=date.fromisoformat(received),
                corrected_on=None if corrected is MISSING else corrected,
                awaiting_correction=corrected is None,
                pauses=tuple(pauses or ()),
                extension_days=extension,
                delay_days=delay,
                count_from_next_day=self.next_day,
            )
        )
        if not pauses:
            self.without_pauses[key] = found
        return found

    def _reckoned(self, clock_in: clock.ClockInput) -> str | None:
        due = clock.due_date(clock_in, self.calendar)
        return due.isoformat() if due else None


@dataclass
class _Ledgers:
    """The deadline ledgers of a range of applications (what
    ``selectors.clock_inputs_in`` reads), as rows, without model instances."""

    corrections: dict[int, date | None]
    pauses: dict[int, list[clock.Pause]]
    days: dict[int, dict[str, int]]

    @property
    def recorded(self) -> set[int]:
        """The applications with anything recorded beside their receipt."""
        return self.corrections.keys() | self.pauses.keys() | self.days.keys()

    @classmethod
    def read(cls, first: int, last: int) -> _Ledgers:
        scope = {"application_id__gte": first, "application_id__lte": last}
        corrections = {
            pk: _day(corrected)
            for pk, corrected in _rows(
                CorrectionRequest.objects.filter(**scope).values_list(
                    "application_id", "corrected_on"
                )
            )
        }
        pauses: dict[int, list[clock.Pause]] = defaultdict(list)
        for pk, kind, sent, answered in _rows(
            Consultation.objects.filter(**scope).values_list(
                "application_id", "kind", "sent_on", "answered_on"
            )
        ):
            pauses[pk].append(clock.Pause(kind, _required(sent), _day(answered)))
        if settings.GONGKAI_FEE_NOTICE_PAUSES_CLOCK:
            for pk, notified, paid, waived in _rows(
                FeeNotice.objects.filter(**scope).values_list(
                    "application_id", "notified_on", "paid_on", "waived_on"
                )
            ):
                pauses[pk].append(
                    clock.Pause(
                        clock.PauseKind.FEE, _required(notified), _day(paid or waived)
                    )
                )
        days: dict[int, dict[str, int]] = defaultdict(dict)
        for pk, kind, count in _rows(
            Extension.objects.filter(**scope).values_list(
                "application_id", "kind", "days"
            )
        ):
            days[pk][kind] = count
        return cls(corrections, pauses, days)


def _rows(queryset: models.QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query as the database driver returns them,
    without Django's per-value converters."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def _day(value: Any) -> date | None:
    """A date column's value: ISO text (SQLite; a ``Cast``), or a ``date``."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _required(value: Any) -> date:
    """A date column that is never empty."""
    found = _day(value)
    assert found is not None  # NOT NULL in the schema
    return found


def _store(changed: list[Moved]) -> None:
    """Write the new due dates. On PostgreSQL one UPDATE joined to the moved rows
    passed as two arrays (two parameters, however many rows); elsewhere one UPDATE
    per distinct date, far cheaper than a row-by-row ``bulk_update`` when a change
    moves thousands of deadlines."""
    if not changed:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Application._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS a SET due_on = v.due"
                " FROM unnest(%s::bigint[], %s::text[]::date[]) AS v(id, due)"
                " WHERE a.id = v.id",
                [[pk for pk, _, _ in changed], [new for _, _, new in changed]],
            )
        return
    by_due: dict[str | None, list[int]] = defaultdict(list)
    for pk, _, new in changed:
        by_due[new].append(pk)
    for due, ids in by_due.items():
        for start in range(0, len(ids), IDS_BATCH):
            Application.objects.filter(pk__in=ids[start : start + IDS_BATCH]).update(
                due_on=_day(due)
            )


def _events_write(
    changed: list[Moved], actor: User | None, content_type: ContentType, version: str
) -> None:
    """One ``deadline_recomputed`` event per moved due date (what
    ``core.events.event_record`` writes), inserted in bulk, the values prepared as
    the model's fields prepare them: on PostgreSQL one INSERT … SELECT over the
    moved rows passed as arrays, its JSON built by the server; elsewhere one
    multi-row statement per ``EVENT_BATCH`` rows."""
    if not changed:
        return
    fields: list[models.Field[Any, Any]] = [
        Event._meta.get_field(name)  # type: ignore[misc]
        for name in ("at", "actor", "verb", "content_type", "object_id", "data")
    ]
    at = fields[0].get_db_prep_save(timezone.now(), connection)
    actor_id = actor.pk if actor is not None else None
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    insert = f"INSERT INTO {Event._meta.db_table} ({columns}) "
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                insert + "SELECT %s, %s, %s, %s, v.id::text, jsonb_build_object("
                "'from', v.old, 'to', v.new, 'calendar_version', %s::text)"
                " FROM unnest(%s::bigint[], %s::text[], %s::text[])"
                " WITH ORDINALITY AS v(id, old, new, n) ORDER BY v.n",
                [
                    at,
                    actor_id,
                    "deadline_recomputed",
                    content_type.pk,
                    version,
                    *map(list, zip(*changed, strict=True)),
                ],
            )
        return
    # What the JSON field's own preparation ends in, without its checks per row.
    adapt_json = connection.ops.adapt_json_value
    encoder = getattr(fields[-1], "encoder", None)
    rows = [
        (
            at,
            actor_id,
            "deadline_recomputed",
            content_type.pk,
            str(pk),
            adapt_json({"from": old, "to": new, "calendar_version": version}, encoder),
        )
        for pk, old, new in changed
    ]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), EVENT_BATCH):
            batch = rows[start : start + EVENT_BATCH]
            cursor.execute(
                insert + "VALUES " + ", ".join([row] * len(batch)),
                [value for values in batch for value in values],
            )


def _open(days: Collection[date] | None = None) -> models.QuerySet[Application]:
    """Open, received applications (only those whose counting may cross one of
    ``days``, when given)."""
    found = Application.objects.filter(
        closed_on__isnull=True, received_on__isnull=False
    )
    if days:
        found = found.filter(
            Q(due_on__isnull=True) | Q(due_on__gte=min(days)),
            received_on__lte=max(days),
        )
    return found


def _open_batches(
    days: Collection[date] | None,
) -> Iterator[list[tuple[int, str, str | None]]]:
    """(id, receipt day, due date) of open, received applications (``_open``), the
    days as ISO text (compared and remembered as read: no date made per row), a
    batch at a time in id order."""
    rows = (
        _open(days)
        .order_by("pk")
        .annotate(
            received_text=Cast(F("received_on"), CharField()),
            due_text=Cast(F("due_on"), CharField()),
        )
    )
    last = 0
    while found := _rows(
        rows.filter(pk__gt=last).values_list("pk", "received_text", "due_text")[:BATCH]
    ):
        yield found
        if len(found) < BATCH:
            return  # the last batch: no query to find nothing after it
        last = found[-1][0]
