"""Date helpers for the demo ledgers: those of the synthetic-ledger generators
(``gongkai.workdays.synthetic``), which the seed modules use too."""

from __future__ import annotations

from gongkai.workdays.synthetic import (
    SHANGHAI,
    add_workdays,
    local_moment,
    spread,
    workday_on_or_after,
    workday_on_or_before,
)

__all__ = [
    "SHANGHAI",
    "add_workdays",
    "local_moment",
    "spread",
    "workday_on_or_after",
    "workday_on_or_before",
]
