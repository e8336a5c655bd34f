"""Figures stated in sentences, for reports that print no table.

The facts are data (``data/facts.yaml``): a pattern with one group per figure and,
per group, the cell it fills, named by indicator and arguments so that one fact
serves every format. ``stated`` finds them in the narrative, in order, keeping
the first figure found for each cell and passing over approximate ones ("200余次",
"近500条"), which no cell may hold.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from gongkai.reports.data import CellRef
from gongkai.reports.formats import CellSpec, Format
from gongkai.reports.narrative import NUMBER_PATTERN, parse_number

FACTS_FILE = Path(__file__).parent / "data" / "facts.yaml"
APPROXIMATE_BEFORE = ("近", "约", "超过", "逾", "将近", "大约")
APPROXIMATE_AFTER = ("余", "多", "左右", "以上", "万", "千")


@dataclass(frozen=True)
class Target:
    indicator: str
    args: tuple[tuple[str, Any], ...]  # normalised: lists as sorted tuples
    row: str | None = None

    @classmethod
    def named(
        cls,
        indicator: str,
        args: Mapping[str, Any] | None = None,
        row: str | None = None,
    ) -> Target:
        """The cells counting ``indicator`` with exactly ``args``."""
        return cls(indicator, _normalised(args or {}), row)

    def fits(self, spec: CellSpec) -> bool:
        return (
            spec.indicator == self.indicator
            and _normalised(spec.args) == self.args
            and (self.row is None or self.row in spec.ref.row)
        )


@dataclass(frozen=True)
class Fact:
    pattern: re.Pattern[str]
    cells: tuple[tuple[Target, ...], ...]  # per group: alternatives in order
    value: int | None = None  # for a fact with no group


@dataclass(frozen=True)
class Stated:
    ref: CellRef
    value: int | Decimal
    sentence: str  # the words that state it
    paragraph: int  # index of the paragraph in the text searched


def _normalised(args: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    def norm(value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(sorted(str(v) for v in value))
        return value

    return tuple(sorted((k, norm(v)) for k, v in args.items()))


def _target(data: dict[str, Any]) -> Target:
    return Target.named(str(data["indicator"]), data.get("args"), data.get("row"))


@functools.cache
def facts() -> tuple[Fact, ...]:
    data = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))
    loaded = []
    for entry in data["facts"]:
        pattern = re.compile(entry["pattern"].replace("{number}", NUMBER_PATTERN))
        cells = tuple(
            tuple(_target(t) for t in (cell if isinstance(cell, list) else [cell]))
            for cell in entry["cells"]
        )
        loaded.append(Fact(pattern, cells, entry.get("value")))
    return tuple(loaded)


def stated(paragraphs: Sequence[str], fmt: Format) -> list[Stated]:
    """The cells of ``fmt`` that ``paragraphs`` state, with the figures."""
    specs = list(fmt.cells())
    found: dict[CellRef, Stated] = {}
    for fact in facts():
        refs = [resolve(alternatives, specs) for alternatives in fact.cells]
        if not any(refs):
            continue
        for index, paragraph in enumerate(paragraphs):
            for ref, value, sentence in _matches(fact, refs, paragraph):
                found.setdefault(ref, Stated(ref, value, sentence, index))
    return list(found.values())


def resolve(alternatives: Sequence[Target], specs: list[CellSpec]) -> CellRef | None:
    """The cell of the first alternative that names exactly one of ``specs``."""
    for target in alternatives:
        fitting = [s.ref for s in specs if target.fits(s)]
        if len(fitting) == 1:
            return fitting[0]
    return None


def _matches(
    fact: Fact, refs: list[CellRef | None], text: str
) -> Iterator[tuple[CellRef, int | Decimal, str]]:
    for match in fact.pattern.finditer(text):
        if fact.pattern.groups == 0:
            if refs[0] is not None and fact.value is not None:
                yield refs[0], fact.value, match.group(0)
            continue
        for group, ref in enumerate(refs, start=1):
            raw = match.group(group) if group <= fact.pattern.groups else None
            if ref is None or raw is None or _approximate(text, match, group):
                continue
            try:
                yield ref, parse_number(raw), match.group(0)
            except ValueError:
                continue


def _approximate(text: str, match: re.Match[str], group: int) -> bool:
    before = text[max(0, match.start(group) - 2) : match.start(group)]
    after = text[match.end(group) : match.end(group) + 2]
    return before.endswith(APPROXIMATE_BEFORE) or after.startswith(APPROXIMATE_AFTER)
