"""Recording catalogue items and working on their drafts: metadata, attachments,
redaction. Each service is atomic and leaves one event."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.catalog import privacy, timeliness, workdays_adapter
from gongkai.catalog.extract import ExtractionError, extract
from gongkai.catalog.models import Attachment, Disclosure, Item
from gongkai.catalog.validation import item_problems, settle_validity
from gongkai.catalog.workflow import WorkflowError, actor_problem, transition_for
from gongkai.core.events import event_record

from .index_numbers import allocate_index_numbers
from .privacy import active_patterns

# What a draft's metadata may say; the 索引号 is given, never chosen.
EDITABLE = frozenset(
    {
        "title",
        "summary",
        "body",
        "publisher",
        "category",
        "subject",
        "genre",
        "keywords",
        "article20_item",
        "document_kind",
        "document_number",
        "formed_on",
        "changed_on",
        "validity",
        "repealed_on",
        "origin",
        "disclosure",
        "disclosure_basis",
        "disclosure_reason",
    }
)


def _refuse_unknown(fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE
    if "index_number" in unknown:
        raise ValidationError({"index_number": "索引号由系统生成，一经生成不得更改。"})
    if unknown:
        raise ValidationError(f"不能修改这些字段：{'、'.join(sorted(unknown))}")


def validate_item(item: Item) -> None:
    """Refuse ``item`` with every problem named by field (in Chinese)."""
    settle_validity(item)
    problems = item_problems(item)
    if problems:
        raise ValidationError(problems)
    item.full_clean(exclude=["index_number"])


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
    acting_user: Any,
    agency: Agency,
    title: str,
    formed_on: date,
    disclosure: str = Disclosure.PROACTIVE,
    **fields: Any,
) -> Item:
    """Record a new item as a draft, its disclosure attribute decided now (with
    its basis and reason when it is not 主动公开), and give it its 索引号."""
    _refuse_unknown(fields)
    item = Item(
        agency=agency,
        title=title,
        formed_on=formed_on,
        disclosure=disclosure,
        publisher=fields.pop("publisher", "") or agency.name,
        **fields,
    )
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
            "disclosure": disclosure,
        },
    )
    return item


def _editable(item: Item, acting_user: Any) -> None:
    row = transition_for("edit", item.status)
    if problem := actor_problem(row, item=item, user=acting_user):
        raise WorkflowError(problem)


@transaction.atomic
def item_update(*, acting_user: Any, item: Item, **changes: Any) -> Item:
    """Change a draft's metadata; what changed is kept in the event."""
    _editable(item, acting_user)
    _refuse_unknown(changes)
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
    *, acting_user: Any, item: Item, file: IO[bytes], name: str
) -> Attachment:
    """Attach a PDF, DOCX, XLSX or image to a draft; its text is read now, for the
    privacy scan and for search. A file that cannot be read is refused; an image
    (or a scanned PDF) is accepted and marked as not scannable."""
    _editable(item, acting_user)
    try:
        extraction = extract(file, name)
    except ExtractionError as error:
        raise ValidationError({"file": str(error)}) from error
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
def item_detach(*, acting_user: Any, attachment: Attachment) -> None:
    """Remove an attachment from a draft, and its file."""
    item = attachment.item
    _editable(item, acting_user)
    name = attachment.name
    transaction.on_commit(lambda stored=attachment.file.name: _delete_file(stored))
    attachment.delete()
    event_record(
        actor=acting_user,
        verb="item_attachment_removed",
        target=item,
        data={"name": name},
    )


def _delete_file(name: str) -> None:
    from django.core.files.storage import default_storage

    default_storage.delete(name)


@transaction.atomic
def item_redact(*, acting_user: Any, item: Item) -> Item:
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
