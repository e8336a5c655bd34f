"""What makes a catalogue item's metadata acceptable, field by field.

Shared by the services (one item at a time) and the import (a whole file, every
problem reported by row and column), so that both refuse the same things.
"""

from __future__ import annotations

from django.conf import settings

from .disclosure import attribute_problems
from .models import Item, Validity

ENDED = frozenset({Validity.EXPIRED, Validity.REPEALED})


def item_problems(item: Item) -> dict[str, str]:
    """Problems with ``item``'s metadata, by field name; empty when none."""
    problems = attribute_problems(
        disclosure=item.disclosure,
        basis=item.disclosure_basis,
        reason=item.disclosure_reason,
    )
    categories = settings.GONGKAI_CATALOG_CATEGORIES
    if item.category and categories and item.category not in categories:
        problems["category"] = f"信息类别应为：{'、'.join(categories)}。"
    problems.update(_date_problems(item))
    return problems


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
