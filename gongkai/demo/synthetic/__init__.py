"""Synthetic ledgers for 青溪县 (an invented county) and its departments, 2017–2025.

The ledgers are varied on purpose, so that every row of every format has something
to count: items over all channels and 第二十条 items, normative documents issued,
published (sometimes in the next year) and repealed, applications over every
channel, applicant type and outcome (some extended, some carried over from year to
year), reviews and lawsuits with every result (some still pending at a year's
end), complaints, every kind of activity, meetings, trainings and attested
figures.

The records are made by the ledger apps' generators (the ``county_*`` family of
``gongkai.<app>.synthetic``), the same modules the benchmarks and the test ledgers
use; ``history`` only orders the draws. Everything is drawn from a
``random.Random`` seeded with the agency's key, so each run produces the same
records; the natural keys (index and tracking numbers, dates
and titles) make the load idempotent.

County governments and their departments make no 规章 (《中华人民共和国立法法》
第九十三条: only provincial governments and those of 设区的市 and 自治州 do), so the
synthetic ledgers issue 行政规范性文件 only; their 规章 rows stay 0.
"""

from __future__ import annotations

from ..ledger import Ledger
from .history import FIRST_YEAR, LAST_YEAR, YEARS, History
from .profiles import PROFILES, Profile


def synthetic_ledgers() -> dict[str, Ledger]:
    """Every synthetic agency's ledger, by demo key."""
    return {profile.key: History(profile).ledger() for profile in PROFILES}


__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "PROFILES",
    "YEARS",
    "Profile",
    "synthetic_ledgers",
]
