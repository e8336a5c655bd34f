"""What makes a catalogue item's metadata acceptable, field by field.

Shared by the services (one item at a time) and the import (a whole file, every
problem reported by row and column), so that both refuse the same things.
"""

from __future__ import annotations

from collections.abc import Collection

from .categories import canonical
from .disclosure import attribute_problems
from .models import Category, Item, Validity

ENDED = frozenset({Validity.EXPIRED, Validity.REPEALED})


def item_problems(
    item: Item, *, categories: Collection[str] | None = None
) -> dict[str, str]:
    """Problems with ``item``'s metadata, by field name; empty when none.

    Its category is taken by the 通用目录's name when an older name is given
    (``gongkai.catalog.categories``); it must be one of its agency's categories
    (``categories``, their names, when the caller has them already)."""
    problems = attribute_problems(
        disclosure=item.disclosure,
        basis=item.disclosure_basis,
        reason=item.disclosure_reason,
    )
    item.category = canonical(item.category)
    if item.category:
        names = category_names(item.agency_id) if categories is None else categories
        if names and item.category not in names:
            problems["category"] = f"信息类别应为：{'、'.join(names)}。"
    problems.update(_date_problems(item))
    return problems


def category_names(agency_id: int | None) -> list[str]:
    """The names of an agency's categories: the 通用目录, then its own."""
    from django.db.models import F, Q

    rows = Category.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id))
    ordered = rows.order_by(F("agency_id").asc(nulls_first=True), "position", "name")
    return list(ordered.values_list("name", flat=True))


def _date_problems(item: Item) -> dict[str, str]:
    problems = {}
    if item.changed_on and item.formed_on and item.changed_on < item.formed_on:
        problems["changed_on"] = "变更日期不能早于生成日期。"
    if item.validity in ENDED and not item.repealed_on:
        label = Validity(item.validity).label
        problems["repealed_on"] = f"有效性为“{label}”的，须填写废止（失效）日期。"
    if item.repealed_on and item.validity == Validity.VALID:
        problems["validity"] = "已填写废止日期的，有效性不能为“有效”。"
    if item.repealed_on and item.formed_on and item.repealed_on < item.formed_on:
        problems["repealed_on"] = "废止日期不能早于生成日期。"
    return problems


def settle_validity(item: Item) -> None:
    """A repeal date without a validity means 废止; a document kind without either
    is in force (有效)."""
    if item.repealed_on and not item.validity:
        item.validity = Validity.REPEALED
    elif item.document_kind and not item.validity:
        item.validity = Validity.VALID
