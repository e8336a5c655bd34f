"""The catalogue's category scheme (``gongkai.catalog.categories``) taken up by
items recorded past the services (a bulk load, an old database)."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.agencies.models import Agency
from gongkai.catalog.categories import ALIASES, COMMON, COMMON_NAMES
from gongkai.catalog.models import Category, Item
from gongkai.core.events import event_record


@transaction.atomic
def categories_adopt(*, acting_user: User | None, agency: Agency) -> list[str]:
    """Give ``agency``'s items the one scheme: an older name of a 通用目录 category
    becomes its name, and any other name its items use becomes a category of the
    agency's own 专项目录 (its 第二十条 item the one most of those items fulfil).
    Returns the categories added; idempotent (nothing to do, nothing recorded).
    Catalog migration 0006 did the same for every agency once."""
    authorize(acting_user, Permission.CATALOG_IMPORT, agency)
    for position, spec in enumerate(COMMON, start=1):
        Category.objects.get_or_create(
            agency=None,
            name=spec.name,
            defaults={"article20_item": spec.article20, "position": position},
        )
    items = Item.objects.filter(agency=agency)
    renamed = sum(
        items.filter(category=alias).update(category=name)
        for alias, name in ALIASES.items()
    )
    have = set(agency.categories.values_list("name", flat=True))
    votes: dict[str, Counter[int | None]] = {}
    used = items.exclude(category="").exclude(category__in=COMMON_NAMES)
    for name, article20 in used.values_list("category", "article20_item").iterator():
        if name not in have:
            votes.setdefault(name, Counter())[article20] += 1
    start = 100 + len(have)
    added = [
        Category(
            agency=agency,
            name=name,
            article20_item=max(tally, key=lambda k: (tally[k], k is not None)),
            position=start + position,
        )
        for position, (name, tally) in enumerate(sorted(votes.items()))
    ]
    Category.objects.bulk_create(added)
    if renamed or added:
        event_record(
            actor=acting_user,
            verb="categories_adopted",
            target=agency,
            data={"renamed": renamed, "added": [c.name for c in added]},
        )
    return [c.name for c in added]
