"""Rows and columns a report prints beyond its format, and columns it prints merged.

Real reports do not always print the official grid: a county adds 「9.其他」
under （三）不予公开, 「其中：跨年度结转」 under （七）总计, 「其中」 rows under table
二's 规章, a column 「其中：网上申请」 after 总计; another prints 法人或其他组织 as one
column instead of its five sub-columns. This module works out, from the printed
rows of a table, which of them the format has and which it does not:

- **printed rows**: between two placed labels the document may print more rows of
  figures than the format has there. Printed rows and format rows are paired in
  order by the likeness of their labels (``pair_rows``); a printed row that pairs
  with none is an *extra*, kept as a printed child of the format row it belongs to
  (``child_path``) and never read into a format cell;
- **merged columns** (``merged_columns``): when no printed row of a table has as
  many figures as the format's columns, and most have exactly as many as the
  format's columns with one parent's sub-columns printed as that parent, the
  parent's figure goes to the parent's own cell and the sub-columns stay blank;
- **extra columns** (``extra_columns``): a header 「其中：…」 printed after a format
  column is a sub-column of it; a row with that many more figures than the format
  keeps the extra figure as the column's printed child.

The checks never add up a printed child (its row or column is no format path), and
treat a merged parent as the sum of its sub-columns (``reports.checks._values``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from gongkai.reports.data import Finding
from gongkai.reports.formats import PATH_SEPARATOR

from .normalize import is_where_of, key, numbering_style, squeeze, width
from .tokens import Token, TokenKind

PAIR_MIN = 0.6  # likeness of a printed label to a format row's for the two to pair
FRAGMENT_MIN = 4  # characters of a wrapped label's tail that may pair on their own
NUMBER_MISMATCH = 0.25  # what different numbering takes off a likeness
NO_LABEL = 0.6  # a printed row with no label of its own (a grid row ended) pairs

# -- printed rows against format rows ------------------------------------------------


@dataclass(frozen=True)
class PrintedRow:
    label: Token | None  # the label printed before its figures (None: a grid row)
    tokens: list[Token]
    placed_as: str | None = None  # the format label its label was placed as


def likeness(row_label: str, printed: PrintedRow) -> float:
    """How well a printed row's label names a format row (0–1)."""
    if printed.label is None:
        return NO_LABEL
    if printed.placed_as is not None:
        return 1.0 if printed.placed_as == row_label else 0.0
    theirs, ours = key(printed.label.text), key(row_label)
    if not theirs.short or not ours.short:
        return 0.0
    if theirs.short == ours.short or theirs.full == ours.full:
        score = 1.0
    elif len(ours.short) >= FRAGMENT_MIN and theirs.short.endswith(ours.short):
        return 0.85  # its parent's label printed before it, in the same cell
    elif (
        theirs.number is None
        and len(theirs.short) >= FRAGMENT_MIN
        and theirs.short in ours.short
    ):
        return 0.9  # the tail of a label wrapped onto the figures' line
    else:
        score = fuzz.ratio(theirs.short, ours.short) / 100
    numbered = theirs.number is not None and ours.number is not None
    if numbered and theirs.number != ours.number:
        score -= NUMBER_MISMATCH
    return score


_NONE = float("-inf")


def pair_rows(
    row_labels: Sequence[str], printed: Sequence[PrintedRow]
) -> tuple[list[tuple[int, int]], list[int]] | None:
    """The printed rows paired in order with the format rows (format row index,
    printed row index), and the printed rows that are extras: the pairing of the
    greatest total likeness (an alignment of the two sequences, solved by dynamic
    programming). A printed row with no label, or under the placed label, is never
    an extra. None when no pairing keeps every printed row."""
    m, n = len(row_labels), len(printed)
    best = [[_NONE] * (m + 1) for _ in range(n + 1)]
    step: dict[tuple[int, int], tuple[int, int, str]] = {}
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == _NONE:
                continue
            for ni, nj, gain, move in _moves(row_labels, printed, i, j):
                if best[i][j] + gain > best[ni][nj]:
                    best[ni][nj] = best[i][j] + gain
                    step[(ni, nj)] = (i, j, move)
    if best[n][m] == _NONE:
        return None
    pairs, extras = [], []
    at = (n, m)
    while at != (0, 0):
        i, j, move = step[at]
        if move == "pair":
            pairs.append((j, i))
        elif move == "extra":
            extras.append(i)
        at = (i, j)
    return pairs[::-1], extras[::-1]


def _moves(
    row_labels: Sequence[str], printed: Sequence[PrintedRow], i: int, j: int
) -> list[tuple[int, int, float, str]]:
    """From printed row ``i`` and format row ``j``: the format row not printed
    here, the printed row an extra, or the two a pair (worth more than leaving
    both apart)."""
    moves: list[tuple[int, int, float, str]] = []
    if j < len(row_labels):
        moves.append((i, j + 1, 0.0, "skip"))
    if i < len(printed):
        row = printed[i]
        if row.label is not None and row.placed_as is None:
            moves.append((i + 1, j, 0.0, "extra"))
        if j < len(row_labels):
            score = likeness(row_labels[j], row)
            if score >= PAIR_MIN:
                moves.append((i + 1, j + 1, 1 + score, "pair"))
    return moves


def child_path(above: str, label: str) -> str:
    """The row path of a printed row the format lacks, printed after the format
    row ``above``: a 「其中」 row, or one numbered one level deeper, is a child of
    ``above``; one numbered like ``above`` (9.其他 after 8.属于行政查询事项), or like
    one of its parents, is that row's sibling; an unnumbered row is ``above``'s
    sibling. The printed label is kept as printed."""
    printed = " ".join(label.split())
    segments = above.split(PATH_SEPARATOR) if above else []
    style = numbering_style(printed)
    if is_where_of(printed) or not segments:
        return PATH_SEPARATOR.join([*segments, printed])
    if style is None:
        return PATH_SEPARATOR.join([*segments[:-1], printed])
    for depth in range(len(segments) - 1, -1, -1):
        if numbering_style(segments[depth]) == style:
            return PATH_SEPARATOR.join([*segments[:depth], printed])
    return PATH_SEPARATOR.join([*segments, printed])


# -- columns -------------------------------------------------------------------------


def _parents(columns: Sequence[str]) -> list[str]:
    """The column paths that have two or more of ``columns`` under them, short of
    the one over them all (a row printed as one figure is no merged column)."""
    found: Counter[str] = Counter()
    for column in columns:
        parts = column.split(PATH_SEPARATOR)
        for n in range(1, len(parts)):
            found[PATH_SEPARATOR.join(parts[:n])] += 1
    return [p for p, count in found.items() if 2 <= count < len(columns)]


def under(column: str, parent: str) -> bool:
    return column.startswith(parent + PATH_SEPARATOR)


def merged_columns(
    samples: Sequence[tuple[tuple[str, ...], int]],
) -> dict[tuple[str, ...], str]:
    """Per set of columns (a block's), the parent column the report prints merged:
    ``samples`` are the columns of each printed row and how many figures it
    printed. Chosen only when no row printed the format's full width, at least two
    rows (and most) printed the merged width, and no other parent gives that width
    (which parent is merged is then not known)."""
    by_columns: dict[tuple[str, ...], Counter[int]] = {}
    for columns, count in samples:
        by_columns.setdefault(columns, Counter())[count] += 1
    chosen = {}
    for columns, counts in by_columns.items():
        if counts[len(columns)]:
            continue
        widths: dict[int, list[str]] = {}
        for parent in _parents(columns):
            merged = sum(1 for c in columns if under(c, parent))
            widths.setdefault(len(columns) - merged + 1, []).append(parent)
        for width_, parents in widths.items():
            rows = counts[width_]
            if len(parents) == 1 and rows >= 2 and 2 * rows > counts.total():
                chosen[columns] = parents[0]
    return chosen


@dataclass(frozen=True)
class ExtraColumn:
    after: str  # the format column it is printed after (its parent)
    label: str  # as printed


def extra_columns(
    header_tokens: Sequence[Token], columns: Sequence[str]
) -> list[ExtraColumn]:
    """「其中：…」 headers printed in a table's header that the format lacks: each
    is a sub-column of the format column printed just before it (in the same
    header cell, or the cell before)."""
    leaves = {c.rsplit(PATH_SEPARATOR, 1)[-1]: c for c in columns}
    found: list[ExtraColumn] = []
    before = ""
    for token in header_tokens:
        if token.kind is not TokenKind.LABEL:
            continue
        # Spaces apart: a PDF spaces out the letters of a narrow column's header.
        text = "".join(width(token.text).split())
        at = text.find("其中")
        if at < 0:
            before = text
            continue
        previous = squeeze(text[:at]) or squeeze(before)
        after = next(
            (
                path
                for leaf, path in sorted(leaves.items(), key=lambda kv: -len(kv[0]))
                if previous.endswith(squeeze(leaf))
            ),
            None,
        )
        printed = "".join(token.text.split())
        label = printed[printed.find("其中") :]  # as printed, not as compared
        if after is not None and label not in (e.label for e in found):
            found.append(ExtraColumn(after, label))
        before = text
    return found


def extra_positions(columns: Sequence[str], extras: Sequence[ExtraColumn]) -> list[int]:
    """Where the extra columns sit among a row's printed figures: each right after
    the format column (or the last of the columns under it) it belongs to."""
    positions = []
    shift = 0
    for n, column in enumerate(columns):
        for extra in extras:
            ends_here = column == extra.after or under(column, extra.after)
            next_is_under = n + 1 < len(columns) and (
                columns[n + 1] == extra.after or under(columns[n + 1], extra.after)
            )
            if ends_here and not next_is_under:
                shift += 1
                positions.append(n + shift)
    return positions


# -- findings ------------------------------------------------------------------------


def _last(path: str) -> str:
    return path.rsplit(PATH_SEPARATOR, 1)[-1]


def findings(
    table: str,
    rows: Sequence[tuple[str, str]],
    columns: set[str],
    merged: dict[str, list[str]],
) -> list[Finding]:
    """What the reader of ``table`` (its name as shown) is told: the rows kept as
    printed (path, and the figures that fitted no column, if any), the columns
    kept as printed, and each merged column with its sub-columns."""
    found = []
    if rows:
        shown = "、".join(_row_note(table, path, unplaced) for path, unplaced in rows)
        found.append(
            Finding(
                "IMPORT.extra_row",
                "warning",
                f"{table}印有报告格式中没有的 {len(rows)} 行：{shown}；已按原样另存为"
                "其上级行的细目，不填入格式中的任何单元格，也不计入本表的合计校验。",
            )
        )
    if columns:
        shown = "、".join(f"「{c}」" for c in sorted(columns))
        found.append(
            Finding(
                "IMPORT.extra_column",
                "warning",
                f"{table}印有报告格式中没有的列 {shown}；其数值已按原样另存为所属列的"
                "细目，不填入格式中的任何单元格，也不计入本表的合计校验。",
            )
        )
    for parent, children in merged.items():
        names = [_last(c) for c in children]
        shown = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
        found.append(
            Finding(
                "IMPORT.collapsed",
                "warning",
                f"{table}「{_last(parent)}」只印了一列，没有分列其下 {len(names)} 列"
                f"（{shown}）；数值记入「{_last(parent)}」本身，其下各列留空。",
            )
        )
    return found


def _row_note(table: str, path: str, unplaced: str) -> str:
    parts = path.rsplit(PATH_SEPARATOR, 2)
    parent = parts[-2] if len(parts) > 1 else table
    note = f"「{parts[-1]}」（在「{parent}」下）"
    return note + (f"，其数值 {unplaced} 未能对应到各列" if unplaced else "")
