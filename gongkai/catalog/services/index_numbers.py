"""Giving out 索引号: once per item, never twice the same (gongkai.catalog.
index_numbers has the pattern; this keeps the counters)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.catalog.index_numbers import IndexPattern
from gongkai.catalog.models import IndexCounter, Item
from gongkai.core.workflow import Refused


def current_pattern() -> IndexPattern:
    return IndexPattern(settings.GONGKAI_INDEX_NUMBER_PATTERN)


def allocate_index_numbers(*, agency: Agency, days: Sequence[date]) -> list[str]:
    """New 索引号, one per day given (the items' 生成日期), in order. Call inside a
    transaction: the counters are locked until it ends, so that two people
    recording items at once never get the same number. A number already taken (an
    imported catalogue kept its own) is skipped."""
    code = agency.credit_code
    if not code:
        raise Refused(
            f"{agency.name}没有统一社会信用代码，无法生成索引号，请先在机关信息中填写。",
            code="credit_code",
        )
    pattern = current_pattern()
    prefixes = [pattern.prefix(credit_code=code, day=d) for d in days]
    counters = {
        key: IndexCounter.objects.select_for_update().get_or_create(key=key)[0]
        for key in dict.fromkeys(prefixes)
    }
    numbers = []
    for prefix, day in zip(prefixes, days, strict=True):
        counter = counters[prefix]
        counter.last += 1
        numbers.append(pattern.render(credit_code=code, day=day, serial=counter.last))
    taken = set(
        Item.objects.filter(index_number__in=numbers).values_list(
            "index_number", flat=True
        )
    )
    for position, number in enumerate(numbers):
        if number in taken:  # rare: renumber past what is taken
            numbers[position] = _next_free(pattern, code, days[position], counters)
    for counter in counters.values():
        counter.save(update_fields=["last"])
    return numbers


def _next_free(
    pattern: IndexPattern,
    code: str,
    day: date,
    counters: dict[str, IndexCounter],
) -> str:
    counter = counters[pattern.prefix(credit_code=code, day=day)]
    while True:
        counter.last += 1
        number = pattern.render(credit_code=code, day=day, serial=counter.last)
        if not Item.objects.filter(index_number=number).exists():
            return number
