"""Importing a whole catalogue from a CSV or XLSX file: all of it, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_guard
from gongkai.catalog import workdays_adapter
from gongkai.catalog.models import Item, ItemChannel, ItemStatus, PublicationChannel
from gongkai.catalog.search import index_items
from gongkai.catalog.tabular.readers import UnreadableFile, read_sheet
from gongkai.catalog.tabular.rows import ImportRejected, PlannedRow, RowError, plan
from gongkai.core.events import event_record

from .index_numbers import allocate_index_numbers
from .items import counted_years, set_due_date


@dataclass(frozen=True)
class ImportResult:
    items: int
    published: int
    drafts: int


@transaction.atomic
def catalog_import(
    *,
    acting_user: User | None,
    agency: Agency,
    file: IO[bytes],
    filename: str,
    adjustment: str = "",
) -> ImportResult:
    """Import ``agency``'s catalogue. Every row is checked first; a file with any
    bad row raises ``ImportRejected`` naming each (row and column) and imports
    nothing. Rows with a 发布日期 are items already published (on the channels
    given, else the website); the others are drafts. Items without a 索引号 are
    given one. One event records the import. Published items of a year whose
    report is published are refused, unless imported as an adjustment."""
    authorize(acting_user, Permission.CATALOG_IMPORT, agency)
    try:
        sheet = read_sheet(file, filename)
    except UnreadableFile as error:
        raise ImportRejected([RowError(0, "", str(error))]) from error
    planned = plan(sheet, agency)
    items = _prepare(agency, planned)
    year_guard(
        agency=agency,
        years={y for i in items if i.published_on for y in counted_years(i)},
        acting_user=acting_user,
        adjustment=adjustment,
        what=f"导入主动公开目录：{filename}",
    )
    Item.objects.bulk_create(items, batch_size=500)
    ItemChannel.objects.bulk_create(_channels(planned), batch_size=1000)
    published = [item for item in items if item.status == ItemStatus.PUBLISHED]
    index_items(published)
    event_record(
        actor=acting_user,
        verb="catalog_imported",
        target=agency,
        data={
            "file": filename,
            "items": len(items),
            "published": len(published),
            "first_item": items[0].pk,
            "last_item": items[-1].pk,
        },
    )
    return ImportResult(len(items), len(published), len(items) - len(published))


def _prepare(agency: Agency, planned: list[PlannedRow]) -> list[Item]:
    workdays = workdays_adapter.calendar()
    unnumbered = [row.item for row in planned if not row.item.index_number]
    numbers = allocate_index_numbers(
        agency=agency, days=[item.formed_on for item in unnumbered]
    )
    for item, number in zip(unnumbered, numbers, strict=True):
        item.index_number = number
    for row in planned:
        item = row.item
        item.status = ItemStatus.PUBLISHED if item.published_on else ItemStatus.DRAFT
        set_due_date(item, workdays)
    return [row.item for row in planned]


def _channels(planned: list[PlannedRow]) -> list[ItemChannel]:
    return [
        ItemChannel(item=row.item, channel=channel, published_on=row.item.published_on)
        for row in planned
        if row.item.published_on
        for channel in row.channels or [PublicationChannel.WEBSITE]
    ]
