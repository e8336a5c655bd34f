"""Recording catalogue items and working on their drafts: metadata, attachments,
redaction. Each service is atomic, asks ``gongkai.accounts.permissions`` (through
the workflow's ``edit`` row for a draft) before it does anything, and leaves one
event."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from functools import partial
from typing import IO, Any, TypedDict

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from typing_extensions import Unpack

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_guard
from gongkai.catalog import privacy, timeliness, workdays_adapter
from gongkai.catalog.extract import ExtractionError, extract
from gongkai.catalog.models import Attachment, Disclosure, DocumentKind, Item
from gongkai.catalog.validation import item_problems, settle_validity
from gongkai.catalog.workflow import ITEM_WORKFLOW, ItemStep
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from .index_numbers import allocate_index_numbers
from .privacy import active_patterns


class ItemDetails(TypedDict, total=False):
    """What a new item may say besides its title and date of formation."""

    summary: str
    body: str
    publisher: str
    category: str
    subject: str
    genre: str
    keywords: str
    article20_item: int | None
    document_kind: str
    document_number: str
    changed_on: date | None
    validity: str
    repealed_on: date | None
    origin: str
    disclosure: str
    disclosure_basis: str
    disclosure_reason: str


class ItemChanges(ItemDetails, total=False):
    """What a change of a draft (or a correction) may set: the 索引号 is given,
    never chosen."""

    title: str
    formed_on: date


EDITABLE = frozenset(ItemChanges.__annotations__)


def refuse_unknown(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - EDITABLE
    if "index_number" in unknown:
        raise Refused({"index_number": "索引号由系统生成，一经生成不得更改。"})
    if unknown:
        raise Refused(f"不能修改这些字段：{'、'.join(sorted(unknown))}")


def counted_years(item: Item) -> set[int]:
    """The statistical years a published item counts in: its publication, and for
    a rule or normative document its issue and repeal (table 二)."""
    days = [item.published_on]
    if item.document_kind != DocumentKind.NONE:
        days += [item.formed_on, item.repealed_on]
    return {day.year for day in days if day is not None}


def guard_years(
    item: Item,
    years: Iterable[int],
    acting_user: User | None,
    adjustment: str,
    what: str,
) -> None:
    """The period lock (``gongkai.agencies.periods``) for a change of ``item``
    counted in ``years``."""
    year_guard(
        agency=item.agency,
        years=set(years),
        acting_user=acting_user,
        adjustment=adjustment,
        record=item,
        what=f"{what}：{item.index_number or item.title}",
    )


def validate_item(item: Item) -> None:
    """Refuse ``item`` with every problem named by field (in Chinese)."""
    settle_validity(item)
    problems = item_problems(item)
    if problems:
        raise Refused(problems)
    try:
        item.full_clean(exclude=["index_number"])
    except ValidationError as error:
        raise Refused(error.message_dict) from error


def set_due_date(item: Item, workdays: workdays_adapter.Workdays | None = None) -> None:
    """The Art. 26 deadline of a proactive item (none for the others)."""
    if item.disclosure != Disclosure.PROACTIVE:
        item.publish_due_on = None
        return
    item.publish_due_on = timeliness.publication_due_on(
        workdays or workdays_adapter.calendar(),
        formed_on=item.formed_on,
        changed_on=item.changed_on,
    )


@transaction.atomic
def item_record(
    *,
    acting_user: User | None,
    agency: Agency,
    title: str,
    formed_on: date,
    **details: Unpack[ItemDetails],
) -> Item:
    """Record a new item as a draft, its disclosure attribute decided now (with
    its basis and reason when it is not 主动公开, 条例 第十三条至第十六条), and give
    it its 索引号. A draft counts in no year's report until it is published."""
    authorize(acting_user, Permission.ITEM_EDIT, agency)
    refuse_unknown(details)
    fields: dict[str, Any] = {"disclosure": Disclosure.PROACTIVE, **details}
    fields["publisher"] = fields.get("publisher") or agency.name
    item = Item(agency=agency, title=title, formed_on=formed_on, **fields)
    validate_item(item)
    set_due_date(item)
    (item.index_number,) = allocate_index_numbers(agency=agency, days=[formed_on])
    item.save()
    event_record(
        actor=acting_user,
        verb="item_recorded",
        target=item,
        data={
            "title": title,
            "index_number": item.index_number,
            "disclosure": item.disclosure,
        },
    )
    return item


def _editable(item: Item, acting_user: User | None) -> None:
    """Refused unless the user may change the item and it is still a draft."""
    ITEM_WORKFLOW.check(
        item.status, ItemStep.EDIT, user=acting_user, agency=item.agency
    )


@transaction.atomic
def item_update(
    *, acting_user: User | None, item: Item, **changes: Unpack[ItemChanges]
) -> Item:
    """Change a draft's metadata; what changed is kept in the event. (A published
    item is corrected, ``item_correct``; a draft counts in no year's report.)"""
    _editable(item, acting_user)
    refuse_unknown(changes)
    before = {name: getattr(item, name) for name in changes}
    for name, value in changes.items():
        setattr(item, name, value)
    validate_item(item)
    set_due_date(item)
    item.save()
    event_record(
        actor=acting_user,
        verb="item_updated",
        target=item,
        data={
            name: [plain(before[name]), plain(getattr(item, name))]
            for name in changes
            if before[name] != getattr(item, name)
        },
    )
    return item


def plain(value: Any) -> Any:
    """A value as an event's JSON keeps it."""
    return value.isoformat() if isinstance(value, date) else value


def _digest(file: IO[bytes]) -> tuple[str, int]:
    file.seek(0)
    digest, size = hashlib.sha256(), 0
    for block in iter(lambda: file.read(1 << 16), b""):
        digest.update(block)
        size += len(block)
    file.seek(0)
    return digest.hexdigest(), size


@transaction.atomic
def item_attach(
    *, acting_user: User | None, item: Item, file: IO[bytes], name: str
) -> Attachment:
    """Attach a PDF, DOCX, XLSX or image to a draft; its text is read now, for the
    privacy scan and for search. A file that cannot be read is refused; an image
    (or a scanned PDF) is accepted and marked as not scannable."""
    _editable(item, acting_user)
    try:
        extraction = extract(file, name)
    except ExtractionError as error:
        raise Refused({"file": str(error)}) from error
    digest, size = _digest(file)
    attachment = Attachment(
        item=item,
        name=name,
        kind=extraction.kind,
        size=size,
        digest=digest,
        segments=[{"where": s.where, "text": s.text} for s in extraction.segments],
        scannable=extraction.scannable,
        problem=extraction.problem,
    )
    attachment.file.save(name, File(file, name=name), save=False)
    attachment.save()
    event_record(
        actor=acting_user,
        verb="item_attachment_added",
        target=item,
        data={"name": name, "kind": extraction.kind, "scannable": extraction.scannable},
    )
    return attachment


@transaction.atomic
def item_detach(*, acting_user: User | None, attachment: Attachment) -> None:
    """Remove an attachment from a draft, and its file."""
    item = attachment.item
    _editable(item, acting_user)
    name = attachment.name
    transaction.on_commit(partial(_delete_file, attachment.file.name or ""))
    attachment.delete()
    event_record(
        actor=acting_user,
        verb="item_attachment_removed",
        target=item,
        data={"name": name},
    )


def _delete_file(name: str) -> None:
    from django.core.files.storage import default_storage

    if name:
        default_storage.delete(name)


@transaction.atomic
def item_redact(*, acting_user: User | None, item: Item) -> Item:
    """Mask the personal numbers the privacy scan finds in a draft's title,
    summary and text (522301********1234). Attachments are files: replace them
    with redacted ones."""
    _editable(item, acting_user)
    patterns = active_patterns()
    masked = {}
    for field in ("title", "summary", "body"):
        text = getattr(item, field)
        found = privacy.scan(text, patterns)
        if found:
            setattr(item, field, privacy.redact(text, patterns))
            masked[field] = [finding.masked for finding in found]
    item.save()
    event_record(actor=acting_user, verb="item_redacted", target=item, data=masked)
    return item
