"""Evidence of repeated and excessive applications, for the handler to weigh.

《政府信息公开条例》第三十六条第六项: an applicant who asks again for the same
information after a reply is told it will not be handled again (重复申请).
第三十五条: when the number or frequency of an applicant's requests clearly exceeds a
reasonable range, the agency may ask for reasons (and then refuse, or delay).

Neither is ever applied by gongkai: this module only gathers the earlier
applications that look the same and counts the recent ones, so that the handler
can decide and cite them. No Django here; similarity is rapidfuzz's ratio over the
descriptions with punctuation and spaces removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Earlier:
    """An earlier application of the same applicant."""

    tracking_number: str
    received_on: date
    description: str
    answered: bool


@dataclass(frozen=True)
class Match:
    earlier: Earlier
    similarity: float


@dataclass(frozen=True)
class Evidence:
    similar: tuple[Match, ...]
    in_window: int  # applications in the window before this one, this one included
    window_days: int
    limit: int

    @property
    def looks_repeated(self) -> bool:
        """An answered application asked the same (第三十六条第六项)."""
        return any(m.earlier.answered for m in self.similar)

    @property
    def looks_excessive(self) -> bool:
        """More applications in the window than the limit (第三十五条)."""
        return self.in_window > self.limit


def normalise(text: str) -> str:
    return _NOISE.sub("", text).lower()


def similarity(a: str, b: str) -> float:
    """0–100: how alike two descriptions read."""
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return 0.0
    return float(fuzz.ratio(left, right))


def gather(
    *,
    description: str,
    received_on: date,
    earlier: Iterable[Earlier],
    threshold: float,
    window_days: int,
    limit: int,
) -> Evidence:
    """The earlier applications at least ``threshold`` alike, most alike first, and
    how many applications fall in the ``window_days`` up to ``received_on``."""
    earlier = list(earlier)
    matches = [
        Match(e, score)
        for e in earlier
        if (score := similarity(description, e.description)) >= threshold
    ]
    matches.sort(key=lambda m: (-m.similarity, m.earlier.received_on))
    since = received_on - timedelta(days=window_days - 1)
    in_window = 1 + sum(1 for e in earlier if since <= e.received_on <= received_on)
    return Evidence(tuple(matches), in_window, window_days, limit)
