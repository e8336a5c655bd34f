"""Recording catalogue items and their publication on channels.

The review workflow (secrecy review, 初审、审核、审发) builds on these; here an item
is recorded and published, and every channel that carries it keeps its own date.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.events import event_record

from .models import Channel, Item, ItemChannel


@transaction.atomic
def item_record(
    *, acting_user: Any, agency: Any, title: str, formed_on: date, **fields: Any
) -> Item:
    item = Item(agency=agency, title=title, formed_on=formed_on, **fields)
    item.full_clean()
    item.save()
    event_record(
        actor=acting_user, verb="item_recorded", target=item, data={"title": title}
    )
    return item


@transaction.atomic
def item_publish(*, acting_user: Any, item: Item, channels: Mapping[str, date]) -> Item:
    """Publish an item on the given channels, each with its date. The item's own
    publication date is the earliest; publishing on more channels later keeps it."""
    if not channels:
        raise ValidationError("请至少选择一个发布渠道。")
    unknown = set(channels) - set(Channel.values)
    if unknown:
        raise ValidationError(f"未知的发布渠道：{'、'.join(sorted(unknown))}")
    if min(channels.values()) < item.formed_on:
        raise ValidationError("发布日期不能早于信息生成日期。")
    for channel, published_on in channels.items():
        ItemChannel.objects.update_or_create(
            item=item, channel=channel, defaults={"published_on": published_on}
        )
    first = min(channels.values())
    item.published_on = min(first, item.published_on) if item.published_on else first
    item.status = Item.Status.PUBLISHED
    item.save(update_fields=["published_on", "status", "updated_at"])
    event_record(
        actor=acting_user,
        verb="item_published",
        target=item,
        data={c: d.isoformat() for c, d in channels.items()},
    )
    return item
