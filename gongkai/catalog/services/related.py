"""Interpretations of documents (政策解读) and transfers to archives (第二十五条).

Both are counted in the annual report by the year of their date (an
interpretation's publication, a transfer's sending), so both are refused in a
year whose report is published unless made as an adjustment with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files import File
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_guard
from gongkai.catalog.models import (
    ArchiveTransfer,
    Interpretation,
    InterpretationForm,
    Item,
    ItemStatus,
)
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused


@transaction.atomic
def interpretation_record(
    *,
    acting_user: User | None,
    title: str,
    item: Item | None = None,
    agency: Agency | None = None,
    body: str = "",
    by_principal_leader: bool = False,
    form: str = InterpretationForm.TEXT,
    graphic: File[Any] | None = None,
    video_url: str = "",
) -> Interpretation:
    """Record an interpretation of ``item``. Drafted before the document is
    published, it is published with it; for a document already published, it is
    published by ``interpretation_publish``. Without a document (one issued by a
    superior, say), ``agency`` says whose interpretation it is. ``form`` says
    how it explains: in words, with a ``graphic`` (图解), or by a video published
    at ``video_url``."""
    owner = item.agency if item is not None else agency
    if owner is None:
        raise Refused("请指明所解读的文件或解读机关。", code="agency")
    authorize(acting_user, Permission.ITEM_EDIT, owner)
    interpretation = Interpretation(
        agency=owner,
        item=item,
        title=title,
        body=body,
        by_principal_leader=by_principal_leader,
        form=form,
        video_url=video_url,
    )
    if form == InterpretationForm.GRAPHIC and graphic is None:
        raise Refused({"graphic": "图文解读须上传解读图。"})
    if form == InterpretationForm.VIDEO and not video_url:
        raise Refused({"video_url": "视频解读须填写视频地址。"})
    if graphic is not None:
        interpretation.graphic.save(graphic.name or "解读图", graphic, save=False)
    interpretation.full_clean()
    interpretation.save()
    event_record(
        actor=acting_user,
        verb="interpretation_recorded",
        target=interpretation,
        data={"item": item.pk if item else None, "principal": by_principal_leader},
    )
    return interpretation


@transaction.atomic
def interpretation_publish(
    *,
    acting_user: User | None,
    interpretation: Interpretation,
    published_on: date,
    adjustment: str = "",
) -> Interpretation:
    """Publish an interpretation on its own: never before its document."""
    authorize(acting_user, Permission.ITEM_EDIT, interpretation.agency)
    if interpretation.published_on is not None:
        raise Refused("该解读已经发布。", code="state")
    document = interpretation.item
    if document is not None:
        _refuse_before(document, published_on)
    year_guard(
        agency=interpretation.agency,
        years={published_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        record=interpretation,
        what=f"政策解读发布：{interpretation.title}",
    )
    interpretation.published_on = published_on
    interpretation.save(update_fields=["published_on", "updated_at"])
    event_record(
        actor=acting_user,
        verb="interpretation_published",
        target=interpretation,
        data={"published_on": published_on.isoformat()},
    )
    return interpretation


def _refuse_before(document: Item, published_on: date) -> None:
    """An interpretation is published with its document, never before it."""
    if document.status != ItemStatus.PUBLISHED or document.published_on is None:
        raise Refused("解读须与所解读的文件同步发布，文件尚未发布。", code="state")
    if published_on < document.published_on:
        raise Refused("解读的发布日期不能早于所解读文件的发布日期。", code="date")


@transaction.atomic
def archive_transfer_record(
    *,
    acting_user: User | None,
    agency: Agency,
    sent_on: date,
    recipient: str,
    items: Iterable[Item],
    paper: bool = False,
    electronic: bool = True,
    adjustment: str = "",
) -> ArchiveTransfer:
    """Record a batch of published items sent to an archive or a library
    (条例 第二十五条: "及时向国家档案馆、公共图书馆提供主动公开的政府信息"), on
    paper, electronically or both; the report counts the items of each medium in
    the year the batch was sent."""
    authorize(acting_user, Permission.ITEM_EDIT, agency)
    items = list(items)
    problems = _transfer_problems(agency, sent_on, items, paper or electronic)
    if problems:
        raise Refused(problems, code="transfer")
    year_guard(
        agency=agency,
        years={sent_on.year},
        acting_user=acting_user,
        adjustment=adjustment,
        what=f"向{recipient}报送 {len(items)} 条",
    )
    transfer = ArchiveTransfer.objects.create(
        agency=agency,
        sent_on=sent_on,
        recipient=recipient,
        paper_items=len(items) if paper else 0,
        electronic_items=len(items) if electronic else 0,
    )
    transfer.items.set(items)
    event_record(
        actor=acting_user,
        verb="archive_transfer_recorded",
        target=transfer,
        data={"recipient": recipient, "items": len(items)},
    )
    return transfer


def _transfer_problems(
    agency: Agency, sent_on: date, items: list[Item], medium: bool
) -> list[str]:
    problems = []
    if not items:
        problems.append("这一批没有信息。")
    if not medium:
        problems.append("请选择纸质或电子报送方式。")
    others = [i.index_number or i.title for i in items if i.agency_id != agency.pk]
    if others:
        problems.append(f"这些信息不属于{agency.name}：{'、'.join(others[:5])}")
    unpublished = [
        i.index_number or i.title
        for i in items
        if i.published_on is None or i.published_on > sent_on
    ]
    if unpublished:
        problems.append(f"这些信息在报送日尚未发布：{'、'.join(unpublished[:5])}")
    return problems
