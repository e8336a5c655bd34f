"""信息处理费: the tiers of 国办函〔2020〕109号 (《政府信息公开信息处理费管理办法》),
as pure functions. No Django here.

第三条: a fee is charged per request (按件) or per volume (按量), never both for one
request, each cumulative (超额累进): every request or page is charged at the rate of
the band it falls in.

第四条 (按件), for the requests one applicant makes in one calendar month:
1–10 free; 11–30 at 100 元 each; from 31 on, bands of 10 requests, each band 100 元
a request dearer than the one before. The common reading (local tariff notes) puts
requests 31–40 at 200 元; a literal reading could keep them at 100 元 and raise from
41. ``raise_from_31`` chooses (setting ``GONGKAI_FEE_RAISE_FROM_31``, default on).

第五条 (按量), for the pages of one request: 1–30 free; 31–100 at 10 元; 101–200 at
20 元; from 201 at 40 元.
"""

from __future__ import annotations

from decimal import Decimal

FREE_ITEMS = 10
FIRST_BAND_END = 30
ITEM_RATE = 100
BAND_SIZE = 10

# (last page of the band or None for open-ended, 元 per page)
PAGE_BANDS: tuple[tuple[int | None, int], ...] = (
    (30, 0),
    (100, 10),
    (200, 20),
    (None, 40),
)


def item_rate(k: int, *, raise_from_31: bool = True) -> int:
    """What the ``k``-th request of an applicant's month costs, in 元 (第四条)."""
    if k < 1:
        raise ValueError("件数从 1 开始")
    if k <= FREE_ITEMS:
        return 0
    if k <= FIRST_BAND_END:
        return ITEM_RATE
    bands_above = (k - FIRST_BAND_END - 1) // BAND_SIZE + (1 if raise_from_31 else 0)
    return ITEM_RATE * (1 + bands_above)


def fee_per_item(
    *, earlier_in_month: int, pieces: int, raise_from_31: bool = True
) -> Decimal:
    """The fee for a request counted as ``pieces`` requests (一事一申请), when the
    applicant already made ``earlier_in_month`` requests that calendar month."""
    if earlier_in_month < 0 or pieces < 1:
        raise ValueError("件数不能为负，本次至少 1 件")
    first = earlier_in_month + 1
    total = sum(
        item_rate(k, raise_from_31=raise_from_31) for k in range(first, first + pieces)
    )
    return Decimal(total)


def fee_per_page(pages: int) -> Decimal:
    """The fee for ``pages`` pages of one request (第五条)."""
    if pages < 0:
        raise ValueError("页数不能为负数")
    total, floor = 0, 0
    for last, rate in PAGE_BANDS:
        ceiling = pages if last is None else min(pages, last)
        if ceiling > floor:
            total += (ceiling - floor) * rate
        if last is None or pages <= last:
            break
        floor = last
    return Decimal(total)
