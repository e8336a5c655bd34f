"""Figures printed without separators, split by the table's own sums.

A scraped table sometimes loses the boundaries between its cells: table 三's row
「一、本年新收政府信息公开申请数量」 comes out as "640020470", which is
64 | 0 | 0 | 2 | 0 | 4 | 70. The digits alone allow many splits; the row's sums
(the format's checks, here 总计 = the six applicant columns) allow few, usually
one. ``splits`` lists every split into ``n`` figures that keeps the sums, trying
boundaries left to right and dropping a branch as soon as a sum it has completed
fails. A figure never starts with 0 unless it is 0.

Each printed group of digits is split on its own (a space or cell boundary the
page did keep is a boundary of the split too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_DIGITS = 9  # a single figure of a report: no count reaches a billion
MAX_STEPS = 200_000  # of the search, so a long run of digits cannot hang it


@dataclass(frozen=True)
class Relation:
    """Σ figures at ``left`` = Σ figures at ``right`` (indexes into the row)."""

    left: tuple[int, ...]
    right: tuple[int, ...]

    @property
    def last(self) -> int:
        return max(self.left + self.right)

    def holds(self, figures: Sequence[int]) -> bool:
        return sum(figures[i] for i in self.left) == sum(figures[i] for i in self.right)


@dataclass(frozen=True)
class SplitResult:
    candidates: list[list[int]]
    exhausted: bool  # the search stopped at MAX_STEPS: there may be more


def splits(
    groups: Sequence[str], n: int, relations: Sequence[Relation], limit: int = 20
) -> SplitResult:
    """Every split of the digit ``groups`` into ``n`` figures that keeps
    ``relations`` (at most ``limit`` of them)."""
    digits = "".join(groups)
    if not digits.isdigit() or not relations or not len(groups) <= n <= len(digits):
        return SplitResult([], False)
    ends = set()
    position = 0
    for group in groups:
        position += len(group)
        ends.add(position)
    by_last: dict[int, list[Relation]] = {}
    for relation in relations:
        if relation.last < n:
            by_last.setdefault(relation.last, []).append(relation)
    search = _Search(digits, n, ends, by_last, limit)
    search.run(0, [])
    return SplitResult(search.found, search.steps >= MAX_STEPS)


class _Search:
    def __init__(
        self,
        digits: str,
        n: int,
        ends: set[int],
        by_last: dict[int, list[Relation]],
        limit: int,
    ) -> None:
        self.digits, self.n, self.ends = digits, n, ends
        self.by_last, self.limit = by_last, limit
        self.found: list[list[int]] = []
        self.steps = 0
        self.next_end = {i: min(e for e in ends if e > i) for i in range(len(digits))}

    def run(self, start: int, figures: list[int]) -> None:
        self.steps += 1
        if self.steps >= MAX_STEPS or len(self.found) >= self.limit:
            return
        if start == len(self.digits):
            if len(figures) == self.n:
                self.found.append(list(figures))
            return
        remaining = self.n - len(figures)
        if remaining <= 0 or len(self.digits) - start < remaining:
            return
        stop = self.next_end[start]  # a figure never crosses a printed boundary
        longest = 1 if self.digits[start] == "0" else min(MAX_DIGITS, stop - start)
        for length in range(1, longest + 1):
            figures.append(int(self.digits[start : start + length]))
            if self._holds(figures):
                self.run(start + length, figures)
            figures.pop()

    def _holds(self, figures: list[int]) -> bool:
        return all(r.holds(figures) for r in self.by_last.get(len(figures) - 1, []))
