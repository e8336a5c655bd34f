"""The steps of the publishing workflow (gongkai.catalog.workflow has the table).

Every step is one service and leaves one event; a step out of a review status also
leaves a sign-off (``ItemReview``): who decided, when, and their opinion. Each asks
the table first (``ITEM_WORKFLOW.check``: the permission and the scope through
``gongkai.accounts.permissions``, then the status, then the reason), so a page, a
command and the admin are refused alike, with ``Refused``.

Publishing, correcting, withdrawing and adding channels change what the annual
report counts for the year of the item's publication; once that year's report is
published, they are refused unless made as an adjustment with a reason
(``gongkai.agencies.periods.year_guard``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
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
    AWAITED,
    ITEM_WORKFLOW,
    RETURN_FROM,
    THREE_REVIEWS,
    ItemStep,
    records_review,
)
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused, Transition

from .items import (
    ItemChanges,
    counted_years,
    guard_years,
    plain,
    refuse_unknown,
    set_due_date,
    validate_item,
)
from .privacy import privacy_gate, scan_item, scan_summary


def _signed_this_round(item: Item) -> list[tuple[str, int]]:
    return list(
        item.reviews.filter(
            round=item.review_round, decision=ItemReview.Decision.APPROVED
        ).values_list("step", "reviewer_id")
    )


def _lock(item: Item) -> None:
    """Lock the item's row and read its status again, so that two people deciding
    the same step at once cannot both move it."""
    locked = Item.objects.select_for_update().values("status", "review_round")
    for field, value in locked.get(pk=item.pk).items():
        setattr(item, field, value)


def _allowed(
    item: Item, step: str, acting_user: User | None, reason: str = ""
) -> Transition:
    """The table's row for ``step``, once the user may take it from the item's
    status; then the catalogue's own rules of a sign-off."""
    _lock(item)
    row = ITEM_WORKFLOW.check(
        item.status, step, user=acting_user, agency=item.agency, reason=reason
    )
    if records_review(row, item.status):
        _refuse_unsigned(row, item, acting_user)
    return row


def _refuse_unsigned(row: Transition, item: Item, acting_user: User | None) -> None:
    """A sign-off is a named person's (一事一审); and 初审、审核、审发 come from three
    different people unless ``GONGKAI_CATALOG_DISTINCT_REVIEWERS`` is off."""
    if acting_user is None:
        raise Refused(f"“{row.label}”须由具名的工作人员作出。", code="signer")
    step = AWAITED[item.status][0]
    if not settings.GONGKAI_CATALOG_DISTINCT_REVIEWERS or step not in THREE_REVIEWS:
        return
    if any(
        other in THREE_REVIEWS and reviewer == acting_user.pk
        for other, reviewer in _signed_this_round(item)
    ):
        raise Refused("初审、审核、审发须由不同的人员签署。", code="signer")


def _move(
    item: Item,
    row: Transition,
    acting_user: User | None,
    opinion: str,
    data: Mapping[str, Any] | None = None,
) -> Item:
    """Apply ``row``: the sign-off when it leaves a review status, the new status,
    and the event."""
    if records_review(row, item.status) and acting_user is not None:
        ItemReview.objects.create(
            item=item,
            round=item.review_round,
            step=AWAITED[item.status][0],
            decision=(
                ItemReview.Decision.RETURNED
                if row.verb == "item_returned"
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
        data={
            "before": before,
            "after": item.status,
            "opinion": opinion,
            **(data or {}),
        },
    )
    return item


@transaction.atomic
def item_submit(*, acting_user: User | None, item: Item) -> Item:
    """Send a draft for review (先审查、后公开). Only 主动公开 information goes
    through this workflow. The privacy scan runs now, so that reviewers see what
    it found; it blocks only publication."""
    row = _allowed(item, ItemStep.SUBMIT, acting_user)
    if item.disclosure != Disclosure.PROACTIVE:
        raise Refused(
            f"公开属性为“{item.get_disclosure_display()}”的信息不能主动公开发布。",
            code="disclosure",
        )
    item.review_round += 1
    scan = scan_item(item)
    return _move(item, row, acting_user, "", scan_summary(scan))


def _approve(
    step: ItemStep, acting_user: User | None, item: Item, opinion: str
) -> Item:
    row = _allowed(item, step, acting_user)
    return _move(item, row, acting_user, opinion)


@transaction.atomic
def item_clear_secrecy(
    *, acting_user: User | None, item: Item, opinion: str = ""
) -> Item:
    """保密审查: nothing secret in it (条例 第十七条), on to 初审."""
    return _approve(ItemStep.CLEAR_SECRECY, acting_user, item, opinion)


@transaction.atomic
def item_pass_first_review(
    *, acting_user: User | None, item: Item, opinion: str = ""
) -> Item:
    """初审 signed; on to 审核."""
    return _approve(ItemStep.PASS_FIRST_REVIEW, acting_user, item, opinion)


@transaction.atomic
def item_pass_review(
    *, acting_user: User | None, item: Item, opinion: str = ""
) -> Item:
    """审核 signed; on to 审发."""
    return _approve(ItemStep.PASS_REVIEW, acting_user, item, opinion)


@transaction.atomic
def item_return(*, acting_user: User | None, item: Item, reason: str) -> Item:
    """Send an item under review back to draft, saying why, by whoever may take
    the step it waits for; it is reviewed again from the start once resubmitted."""
    _lock(item)
    step = RETURN_FROM.get(item.status)
    if step is None:
        # Not under review: a stranger is refused before learning the status.
        authorize(acting_user, Permission.ITEM_DRAFT, item.agency)
        ITEM_WORKFLOW.target(item.status, ItemStep.RETURN_SIGN_OFF)
        raise AssertionError("unreachable: only a review status can be returned")
    row = _allowed(item, step, acting_user, reason=reason)
    return _move(item, row, acting_user, reason.strip())


# -- publication ---------------------------------------------------------------------


def _check_channels(item: Item, channels: Mapping[str, date]) -> None:
    if not channels:
        raise Refused("请至少选择一个发布渠道。", code="channels")
    unknown = set(channels) - set(PublicationChannel.values)
    if unknown:
        raise Refused(f"未知的发布渠道：{'、'.join(sorted(unknown))}", code="channels")
    if min(channels.values()) < item.formed_on:
        raise Refused("发布日期不能早于信息生成日期。", code="channels")
    if max(channels.values()) > timezone.localdate():
        raise Refused("发布日期不能晚于今天。", code="channels")


def _carry(item: Item, channels: Mapping[str, date]) -> dict[str, str]:
    for channel, published_on in channels.items():
        ItemChannel.objects.update_or_create(
            item=item, channel=channel, defaults={"published_on": published_on}
        )
    return {channel: day.isoformat() for channel, day in channels.items()}


def _channel_years(item: Item, channels: Mapping[str, date]) -> set[int]:
    """The years of the channels' dates, new and replaced."""
    replaced = ItemChannel.objects.filter(item=item, channel__in=list(channels))
    days = [*channels.values(), *replaced.values_list("published_on", flat=True)]
    return {day.year for day in days}


@transaction.atomic
def item_publish(
    *,
    acting_user: User | None,
    item: Item,
    channels: Mapping[str, date],
    opinion: str = "",
    privacy_override_reason: str = "",
    adjustment: str = "",
) -> Item:
    """审发: sign the item off and publish it on the channels given, each with its
    own date (条例 第二十三条); the item's publication date is the earliest.
    Refused while the privacy scan finds personal numbers, unless the signer
    overrides it with a reason. The item's interpretations are published with it
    (same date). Into a year whose report is published, only as an adjustment."""
    row = _allowed(item, ItemStep.PUBLISH, acting_user)
    _check_channels(item, channels)
    item.published_on = min(channels.values())
    guard_years(
        item,
        counted_years(item) | _channel_years(item, channels),
        acting_user,
        adjustment,
        what="主动公开信息发布",
    )
    scan = privacy_gate(
        item=item, acting_user=acting_user, override_reason=privacy_override_reason
    )
    carried = _carry(item, channels)
    interpretations = Interpretation.objects.filter(item=item, published_on=None)
    interpreted = interpretations.update(published_on=item.published_on)
    data = {
        "channels": carried,
        "late": item.is_late,
        "interpretations": interpreted,
        **scan_summary(scan),
    }
    _move(item, row, acting_user, opinion, data)
    index_items([item])
    return item


@transaction.atomic
def item_channels_add(
    *,
    acting_user: User | None,
    item: Item,
    channels: Mapping[str, date],
    adjustment: str = "",
) -> Item:
    """Publish an item already published on more channels (or record another
    channel's date); it stays one item in the year's total, and counts once more
    on each channel in the year of that channel's date."""
    row = _allowed(item, ItemStep.ADD_CHANNELS, acting_user)
    _check_channels(item, channels)
    guard_years(
        item, _channel_years(item, channels), acting_user, adjustment, "发布渠道"
    )
    return _move(item, row, acting_user, "", {"channels": _carry(item, channels)})


# -- after publication ---------------------------------------------------------------


@transaction.atomic
def item_correct(
    *,
    acting_user: User | None,
    item: Item,
    reason: str,
    changes: ItemChanges,
    privacy_override_reason: str = "",
    adjustment: str = "",
) -> Item:
    """更正 a published item: change what was wrong, say why. The corrected text
    is scanned again, and the correction refused like a publication would be. In
    a year whose report is published (the item's, before or after the change),
    only as an adjustment."""
    row = _allowed(item, ItemStep.CORRECT, acting_user, reason=reason)
    if acting_user is None:
        raise Refused("“更正”须由具名的工作人员作出。", code="signer")
    if not changes:
        raise Refused("没有需要更正的内容。", code="changes")
    refuse_unknown(changes)
    before = {name: getattr(item, name) for name in changes}
    years = counted_years(item)
    for name, value in changes.items():
        setattr(item, name, value)
    guard_years(item, years | counted_years(item), acting_user, adjustment, "更正")
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
    data = {"changes": changed, **scan_summary(scan)}
    _move(item, row, acting_user, reason.strip(), data)
    index_items([item])
    return item


@transaction.atomic
def item_withdraw(
    *,
    acting_user: User | None,
    item: Item,
    reason: str,
    withdrawn_on: date | None = None,
    adjustment: str = "",
) -> Item:
    """撤回 a published item: it leaves the public catalogue and the search index,
    and still counts among the year's published items (it was published). In a
    year whose report is published (the item's publication), only as an
    adjustment."""
    row = _allowed(item, ItemStep.WITHDRAW, acting_user, reason=reason)
    item.withdrawn_on = withdrawn_on or timezone.localdate()
    if item.published_on and item.withdrawn_on < item.published_on:
        raise Refused("撤回日期不能早于发布日期。", code="withdrawn_on")
    guard_years(item, counted_years(item), acting_user, adjustment, "撤回")
    item.withdrawal_reason = reason.strip()
    data = {"withdrawn_on": str(item.withdrawn_on)}
    _move(item, row, acting_user, reason.strip(), data)
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
