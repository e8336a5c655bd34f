"""A search for an item's own identifier finds that item first.

Every result and every item page shows the 索引号 and the 文号, so visitors copy them
into the search box. Neither is a matter of words: the 索引号 is not in the full-text
index at all, and a 文号 cut into words (黔府办发 · 2024 · 3 · 号) matches every
document of that office that year. So a query that *is* an identifier is also looked
up as one: the 索引号 through its unique index, the 文号 through the full-text index
narrowed to the items whose 文号 contains it, then compared whole. Spaces are
ignored and the brackets of a year are read alike (〔2024〕, [2024], 【2024】,
（2024）).

The items found this way lead the first page of hits (``SearchPage.exact``); the
search's own hits follow, without them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db.models import QuerySet

from gongkai.catalog.models import Item

from .backends.base import Backend, PageRequest
from .query import HitItem, Sort

# The year's brackets as typed on a keyboard or copied from a web page, and the
# 六角括号 of GB/T 9704.
BRACKETS = str.maketrans("[]【】（）()［］〔〕", "〔〕〔〕〔〕〔〕〔〕〔〕")
MAX_LENGTH = 100  # the longest 文号 the catalogue keeps
LIMIT = 5  # an identifier names one item; a few at most share a 文号


def identifier(text: str) -> str:
    """``text`` as identifiers are compared: no spaces, one kind of bracket,
    upper case (the check letter of a 统一社会信用代码 in a 索引号)."""
    return "".join(text.split()).translate(BRACKETS).upper()


def plausible(text: str) -> bool:
    """Whether ``text`` could be a 索引号 or a 文号: both carry digits."""
    wanted = identifier(text)
    return 0 < len(wanted) <= MAX_LENGTH and any(c.isdigit() for c in wanted)


def by_index_number(items: QuerySet[Item], text: str) -> list[int]:
    """The ids of ``items`` whose 索引号 is ``text`` (one query, by the unique
    index; none when ``text`` cannot be one)."""
    if not plausible(text):
        return []
    typed = "".join(text.split())
    candidates = sorted({typed, typed.upper(), identifier(text)})
    found = items.filter(index_number__in=candidates).values_list("pk", flat=True)
    return list(found[:LIMIT])


def by_document_number(
    backend: Backend, cursor: Any, request: PageRequest, text: str
) -> list[int]:
    """The ids of the items matching ``request`` whose 文号 contains ``text`` (as
    typed, or with its brackets made 〔〕): candidates, compared whole by
    ``names``."""
    if not plausible(text) or "号" not in text:
        return []
    found: list[int] = []
    typed = "".join(text.split())
    for number in dict.fromkeys([typed, typed.translate(BRACKETS)]):
        narrowed = replace(
            request,
            filters=replace(request.filters, document_number=number),
            sort=Sort.NEWEST,
        )
        found += backend.page(cursor, narrowed, LIMIT, 0)
    return list(dict.fromkeys(found))


def names(item: HitItem, text: str) -> bool:
    """Whether ``text`` is ``item``'s 索引号 or 文号."""
    wanted = identifier(text)
    own = {identifier(item.index_number or ""), identifier(item.document_number)}
    return bool(wanted) and wanted in own
