"""The steps of the publishing workflow (gongkai.catalog.workflow has the table).

Every step is one service and leaves one event; a step out of a review status also
leaves a sign-off (``ItemReview``): who decided, when, and their opinion.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import (
    Disclosure,
    Interpretation,
    Item,
    ItemChannel,
    ItemCorrection,
    ItemReview,
    PublicationChannel,
)
from gongkai.catalog.search import index_items, unindex_items
from gongkai.catalog.workflow import (
    AWAITED_STEP,
    Transition,
    WorkflowError,
    actor_problem,
    transition_for,
)
from gongkai.core.events import event_record

from .items import EDITABLE, plain, set_due_date, validate_item
from .privacy import privacy_gate, scan_item, scan_summary


def _signed_this_round(item: Item) -> list[tuple[str, int]]:
    return list(
        item.reviews.filter(
            round=item.review_round, decision=ItemReview.Decision.APPROVED
        ).values_list("step", "reviewer_id")
    )


def _allowed(item: Item, action: str, acting_user: Any, reason: str = "") -> Transition:
    """The table's row for ``action``, once the status and the actor allow it.

    The item's row is locked and its status read again first, so that two people
    deciding the same step at once cannot both move it."""
    locked = Item.objects.select_for_update().values("status", "review_round")
    for field, value in locked.get(pk=item.pk).items():
        setattr(item, field, value)
    row = transition_for(action, item.status, reason=reason)
    problem = actor_problem(
        row, item=item, user=acting_user, signed_this_round=_signed_this_round(item)
    )
    if problem:
        raise WorkflowError(problem, code="actor")
    return row


def _move(
    item: Item, row: Transition, acting_user: Any, opinion: str, **data: Any
) -> Item:
    """Apply ``row``: the sign-off when it leaves a review status, the new status,
    and the event."""
    if row.records_review(item.status):
        ItemReview.objects.create(
            item=item,
            round=item.review_round,
            step=AWAITED_STEP[item.status],
            decision=(
                ItemReview.Decision.RETURNED
                if row.action == "return"
                else ItemReview.Decision.APPROVED
            ),
            reviewer=acting_user,
            opinion=opinion,
        )
    before = item.status
    if row.target is not None:
        item.status = row.target
    item.save()
    event_record(
        actor=acting_user,
        verb=row.verb,
        target=item,
        data={"from": before, "to": item.status, "opinion": opinion, **data},
    )
    return item


@transaction.atomic
def item_submit(*, acting_user: Any, item: Item) -> Item:
    """Send a draft for review (先审查、后公开). Only 主动公开 information goes
    through this workflow. The privacy scan runs now, so that reviewers see what
    it found; it blocks only publication."""
    row = _allowed(item, "submit", acting_user)
    if item.disclosure != Disclosure.PROACTIVE:
        raise WorkflowError(
            f"公开属性为“{item.get_disclosure_display()}”的信息不能主动公开发布。"
        )
    item.review_round += 1
    scan = scan_item(item)
    return _move(item, row, acting_user, "", **scan_summary(scan))


def _approve(action: str, acting_user: Any, item: Item, opinion: str) -> Item:
    row = _allowed(item, action, acting_user)
    return _move(item, row, acting_user, opinion)


@transaction.atomic
def item_clear_secrecy(*, acting_user: Any, item: Item, opinion: str = "") -> Item:
    """保密审查: nothing secret in it (条例 第十七条), on to 初审."""
    return _approve("clear_secrecy", acting_user, item, opinion)


@transaction.atomic
def item_pass_first_review(*, acting_user: Any, item: Item, opinion: str = "") -> Item:
    """初审 signed; on to 审核."""
    return _approve("pass_first_review", acting_user, item, opinion)


@transaction.atomic
def item_pass_review(*, acting_user: Any, item: Item, opinion: str = "") -> Item:
    """审核 signed; on to 审发."""
    return _approve("pass_review", acting_user, item, opinion)


@transaction.atomic
def item_return(*, acting_user: Any, item: Item, reason: str) -> Item:
    """Send an item under review back to draft, saying why; it is reviewed again
    from the start once resubmitted."""
    row = _allowed(item, "return", acting_user, reason=reason)
    return _move(item, row, acting_user, reason.strip())


# -- publication ---------------------------------------------------------------------


def _check_channels(item: Item, channels: Mapping[str, date]) -> None:
    if not channels:
        raise ValidationError("请至少选择一个发布渠道。")
    unknown = set(channels) - set(PublicationChannel.values)
    if unknown:
        raise ValidationError(f"未知的发布渠道：{'、'.join(sorted(unknown))}")
    if min(channels.values()) < item.formed_on:
        raise ValidationError("发布日期不能早于信息生成日期。")
    if max(channels.values()) > timezone.localdate():
        raise ValidationError("发布日期不能晚于今天。")


def _carry(item: Item, channels: Mapping[str, date]) -> dict[str, str]:
    for channel, published_on in channels.items():
        ItemChannel.objects.update_or_create(
            item=item, channel=channel, defaults={"published_on": published_on}
        )
    return {channel: day.isoformat() for channel, day in channels.items()}


@transaction.atomic
def item_publish(
    *,
    acting_user: Any,
    item: Item,
    channels: Mapping[str, date],
    opinion: str = "",
    privacy_override_reason: str = "",
) -> Item:
    """审发: sign the item off and publish it on the channels given, each with its
    own date; the item's publication date is the earliest. Refused while the
    privacy scan finds personal numbers, unless the signer overrides it with a
    reason. The item's interpretations are published with it (same date)."""
    row = _allowed(item, "publish", acting_user)
    _check_channels(item, channels)
    scan = privacy_gate(
        item=item, acting_user=acting_user, override_reason=privacy_override_reason
    )
    carried = _carry(item, channels)
    item.published_on = min(channels.values())
    interpretations = Interpretation.objects.filter(item=item, published_on=None)
    interpreted = interpretations.update(published_on=item.published_on)
    _move(
        item,
        row,
        acting_user,
        opinion,
        channels=carried,
        late=item.is_late,
        interpretations=interpreted,
        **scan_summary(scan),
    )
    index_items([item])
    return item


@transaction.atomic
def item_channels_add(
    *, acting_user: Any, item: Item, channels: Mapping[str, date]
) -> Item:
    """Publish an item already published on more channels (or record another
    channel's date); it stays one item in the year's total."""
    row = _allowed(item, "add_channels", acting_user)
    _check_channels(item, channels)
    return _move(item, row, acting_user, "", channels=_carry(item, channels))


# -- after publication ---------------------------------------------------------------


@transaction.atomic
def item_correct(
    *,
    acting_user: Any,
    item: Item,
    reason: str,
    changes: Mapping[str, Any],
    privacy_override_reason: str = "",
) -> Item:
    """更正 a published item: change what was wrong, say why. The corrected text
    is scanned again, and the correction refused like a publication would be."""
    row = _allowed(item, "correct", acting_user, reason=reason)
    unknown = set(changes) - EDITABLE
    if unknown or not changes:
        raise ValidationError(
            f"不能更正这些字段：{'、'.join(sorted(unknown)) or '（无）'}"
        )
    before = {name: getattr(item, name) for name in changes}
    for name, value in changes.items():
        setattr(item, name, value)
    validate_item(item)
    set_due_date(item)
    item.save()
    scan = privacy_gate(
        item=item, acting_user=acting_user, override_reason=privacy_override_reason
    )
    changed = {
        name: [plain(before[name]), plain(getattr(item, name))] for name in changes
    }
    ItemCorrection.objects.create(
        item=item, corrected_by=acting_user, reason=reason.strip(), changes=changed
    )
    _move(item, row, acting_user, reason.strip(), changes=changed, **scan_summary(scan))
    index_items([item])
    return item


@transaction.atomic
def item_withdraw(
    *, acting_user: Any, item: Item, reason: str, withdrawn_on: date | None = None
) -> Item:
    """撤回 a published item: it leaves the public catalogue and the search index,
    and still counts among the year's published items (it was published)."""
    row = _allowed(item, "withdraw", acting_user, reason=reason)
    item.withdrawn_on = withdrawn_on or timezone.localdate()
    if item.published_on and item.withdrawn_on < item.published_on:
        raise ValidationError("撤回日期不能早于发布日期。")
    item.withdrawal_reason = reason.strip()
    _move(item, row, acting_user, reason.strip(), withdrawn_on=str(item.withdrawn_on))
    unindex_items([item])
    return item


__all__ = [
    "item_channels_add",
    "item_clear_secrecy",
    "item_correct",
    "item_pass_first_review",
    "item_pass_review",
    "item_publish",
    "item_return",
    "item_submit",
    "item_withdraw",
]
