"""Attested figures: counts that live in other systems (行政许可, 行政处罚, 行政强制
decisions; 行政事业性收费; 政府集中采购; the items in the agency's lists).

gongkai keeps no records of them, so the figure is the one a person attested, with
the document it comes from (``gongkai.agencies.models.AttestedFigure``). A figure
never attested is blank, not 0: nobody has said it is zero.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Sum

from gongkai.agencies import selectors
from gongkai.agencies.attested import NATIONAL_KEYS

from .base import (
    AGENCY,
    COUNT,
    Args,
    ArgumentError,
    Family,
    Indicator,
    Measure,
    Question,
    Source,
    Tally,
    Value,
    _number,
    measure_column,
)

ATTESTED = Family(
    name="attested",
    model="agencies.attestedfigure",
    source=lambda scope, b: selectors.attested_figures(
        agency_ids=scope.agency_ids, year=b.year
    ),
    # One row per figure: the provenance needs who attested it, when, and from what.
    dimensions={
        "key": "key",
        AGENCY: "agency_id",  # two units may have one name
        "agency_name": "agency__name",
        "by": "attested_by__username",
        "at": "attested_at",
        "document": "source_document",
    },
    measures={"count": COUNT, "value": Measure(Sum, "value")},
    # A format shows a few of the keys a unit attests (four of seventeen in 2023).
    narrowed_by="key",
)


VALUE = measure_column("value")


class AttestedIndicator(Indicator):
    """``attested`` with ``key``, or ``subject`` and ``measure`` (subject.measure)."""

    def problems(self, args: Args) -> list[str]:
        unknown = set(args) - {"key", "subject", "measure"}
        if unknown:
            return [f"指标 attested 不接受参数 {'、'.join(sorted(unknown))}"]
        if not all(isinstance(v, str) and v for v in args.values()):
            return ["指标 attested 的参数应为非空字符串"]
        if "key" in args and ({"subject", "measure"} & set(args)):
            return ["指标 attested 的参数 key 不能与 subject、measure 同时使用"]
        if "key" not in args and not {"subject", "measure"} <= set(args):
            return ["指标 attested 需要参数 key，或 subject 与 measure"]
        return []

    @staticmethod
    def key(args: Args) -> str:
        return str(args.get("key") or f"{args['subject']}.{args['measure']}")

    def ask(self, args: Args) -> Question:
        if problems := self.problems(args):
            raise ArgumentError("；".join(problems))
        key = self.key(args)
        return Question(
            indicator=self,
            args=dict(args),
            family=ATTESTED,
            selection={"key": frozenset({key})},
            measure="value",
            exact=False,
            source=_attested_source(key, []),
        )

    def answer(self, tally: Tally, question: Question) -> tuple[Value, Source]:
        rows = tally.rows(ATTESTED).select(question.selection)
        key = question.source["key"]
        value = _number(sum(r[VALUE] for r in rows)) if rows else None
        return value, _attested_source(key, rows)


def _attested_source(key: str, rows: list[dict[str, Any]]) -> Source:
    source: Source = {
        "kind": "attested",
        "key": key,
        "by": None,
        "at": None,
        "document": None,
    }
    if len(rows) == 1:
        source.update(_who(rows[0]))
    elif rows:  # a region: every unit's figure, summed
        source["parts"] = [
            {"agency": r["agency_name"], "value": _json(r[VALUE]), **_who(r)}
            for r in rows
        ]
    return source


def _who(row: dict[str, Any]) -> dict[str, Any]:
    at = row["at"]
    return {
        "by": row["by"],
        "at": at.isoformat() if at else None,
        "document": row["document"],
    }


def _json(value: Any) -> int | float:
    number = _number(value)
    return number if isinstance(number, int) else float(number)


def known_keys(extra: Any = ()) -> frozenset[str]:
    """The attested keys of the national formats, plus a format's own."""
    return frozenset(NATIONAL_KEYS) | frozenset(extra)


INDICATORS = [
    AttestedIndicator(
        name="attested",
        label="证明数字（来自其他系统）",
        families=(ATTESTED,),
    )
]
