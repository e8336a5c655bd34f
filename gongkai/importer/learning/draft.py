"""The drafted format file: printed tables → the tables, mappings and checks of a
format extending a national one (``writing`` writes it out).

Each printed table becomes a table of the draft, rows and columns as printed; it
replaces the parent's table whose rows it maps most often, or is added beside them,
or — when it prints exactly the parent's table — is left to the parent. The sums its
structure states become checks where the report's own figures keep them. The draft
is loaded by the format loader, beside the existing files, before it is returned.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gongkai.reports import formats
from gongkai.reports.checks import run_checks, validate_check
from gongkai.reports.data import AgencyRef, CellRef, PrintedTable, ReportData
from gongkai.reports.formats import (
    CheckSpec,
    Format,
    FormatError,
    Node,
)

from ..parsing.normalize import is_total, is_where_of, key
from .match import best_match
from .read import LearnError, Source
from .shapes import ColumnNode, DraftCheck, DraftTable, RowNode, label, walk
from .writing import render

# A printed table replaces the parent's table whose rows it maps most often, when
# at least this share of its mapped rows come from that table (a province's own
# version of the national statistics table); otherwise it is a table of its own.
REPLACE_SHARE = 0.5


# -- the draft -----------------------------------------------------------------------


def draft(source: Source, format_id: str, parent: Format) -> str:
    """The YAML text of a format ``format_id`` extending ``parent`` that describes
    ``source``'s tables; loaded by the format loader before it is returned."""
    tables = _tables(source, format_id, parent)
    if not tables:
        raise LearnError(f"报告中的表格与{parent.id}格式的表格相同，无需新的格式文件。")
    for table in tables:
        table.checks = list(_structure_checks(table))
    disabled = _parent_checks_on(parent, tables)
    text = render(source, format_id, parent, tables, disabled)
    fmt = _load(text, format_id)
    # The parent's checks whose rows the new table prints still apply.
    disabled = [c for c in disabled if not _resolves(c, fmt)]
    failing = _failing_checks(fmt, tables, source.year or parent.first_year)
    for table in tables:
        table.checks = [c for c in table.checks if c.id not in failing]
    text = render(source, format_id, parent, tables, disabled)
    _load(text, format_id)
    return text


def _tables(source: Source, format_id: str, parent: Format) -> list[DraftTable]:
    tables: list[DraftTable] = []
    taken: set[str] = set()
    parent_ids = {t.id for t in parent.tables}
    for number, learned in enumerate(source.tables, start=1):
        printed = learned.printed
        rows = _row_tree(printed, parent)
        replaced = _replaced_table(rows, parent, taken)
        # A table of its own never takes a parent's table id: that would replace it.
        table_id = replaced or _own_id(printed, number, taken | parent_ids)
        taken.add(table_id)
        if replaced and _prints_parent_table(printed, parent, replaced):
            continue  # the parent's own table, as printed: it reads it already
        for index, node in enumerate(walk(rows), start=1):
            if node.has_figures and not (node.match and node.match.mapped):
                node.attested_key = f"{format_id}.表{number}.行{index}"
        tables.append(
            DraftTable(
                id=table_id,
                title=_title(printed.title, source.year),
                learned=learned,
                rows=rows,
                columns=_column_tree(printed),
                replaces=replaced is not None,
            )
        )
    return tables


def _row_tree(printed: PrintedTable, parent: Format) -> list[RowNode]:
    units: dict[tuple[str, ...], str] = {}
    for figure in printed.figures:
        unit = (figure.source or {}).get("unit")
        if unit:
            units.setdefault(figure.row, unit)
    roots: list[RowNode] = []
    nodes: dict[tuple[str, ...], RowNode] = {}
    for path in printed.rows:
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]
            if prefix in nodes:
                continue
            node = RowNode(label=prefix[-1], path=prefix)
            nodes[prefix] = node
            (nodes[prefix[:-1]].children if depth > 1 else roots).append(node)
        node = nodes[path]
        node.has_figures = True
        node.unit = units.get(path)
        node.match = best_match(path[-1], path[:-1], prefer=parent.id)
    return roots


def _column_tree(printed: PrintedTable) -> list[ColumnNode]:
    roots: list[ColumnNode] = []
    nodes: dict[tuple[str, ...], ColumnNode] = {}
    for path in printed.columns:
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]
            if prefix not in nodes:
                nodes[prefix] = ColumnNode(prefix[-1])
                (nodes[prefix[:-1]].children if depth > 1 else roots).append(
                    nodes[prefix]
                )
    return roots


def _replaced_table(rows: list[RowNode], parent: Format, taken: set[str]) -> str | None:
    own = {t.id for t in parent.tables} - taken
    mapped = [
        n.match.candidate.table_id for n in walk(rows) if n.match and n.match.mapped
    ]
    counts = {t: mapped.count(t) for t in own}
    best = max(counts, key=lambda t: counts[t], default=None)
    if best is None or not mapped or counts[best] < REPLACE_SHARE * len(mapped):
        return None
    return best


def _prints_parent_table(printed: PrintedTable, parent: Format, table_id: str) -> bool:
    """Whether every row and column ``printed`` prints is one of the parent's
    table's (by the labels' words: numbering and punctuation apart). Such a
    table is read by the parent's own, with the column arguments (自然人,
    商业企业 …) a drafted copy would lose."""
    table = parent.table(table_id)
    rows = {key(n.label).full for b in table.blocks for n in _nodes(b.rows)}
    columns = {key(n.label).full for b in table.blocks for n in _nodes(b.columns)}
    headings = {key(b.corner).full for b in table.blocks if b.corner}
    headings |= {key(b.title).full for b in table.blocks if b.title}
    return all(
        key(part).full in rows | headings for row in printed.rows for part in row
    ) and all(key(column[-1]).full in columns for column in printed.columns)


def _nodes(nodes: tuple[Node, ...]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _nodes(node.children)


def _own_id(printed: PrintedTable, number: int, taken: set[str]) -> str:
    """The table's name as its caption prints it, without 「附表：」 and the agency
    and year before it (「某市统计局2012年政府信息公开情况统计表」 → 「政府信息公开
    情况统计表」), so that other agencies' and years' reports share it."""
    base = re.sub(r"^.*?[:：]", "", printed.title).strip() or f"附表{number}"
    base = re.sub(r"^.*?(?:19|20)\d\d\s*年度?", "", base).strip() or base
    table_id, n = base, 2
    while table_id in taken:
        table_id, n = f"{base}（{n}）", n + 1
    return table_id


def _title(caption: str, year: int | None) -> str | None:
    if not caption:
        return None
    caption = re.sub(r"^\s*附\s*表\s*\d*\s*[:：]\s*", "", caption)
    caption = caption.replace("{", "{{").replace("}", "}}")
    if year is not None:
        caption = caption.replace(str(year), "{year}")
    return caption


# -- checks the printed structure states ---------------------------------------------


def _structure_checks(table: DraftTable) -> Iterator[DraftCheck]:
    number = 0

    def next_id() -> str:
        nonlocal number
        number += 1
        return f"LEARNED.{table.id}.{number}"

    for node in walk(table.rows):
        if not node.has_figures or not node.children:
            continue
        data = [c for c in node.children if c.has_figures]
        parts = [c for c in data if not is_where_of(c.label)]
        if len(parts) >= 2 and not any(is_total(c.label) for c in parts):
            yield DraftCheck(
                next_id(),
                "equal",
                "column",
                {"left": [label(node.path)], "right": [label(c.path) for c in parts]},
                f"「{node.label}」（{{column}}）为{{left}}，其分项之和为{{right}}，"
                "二者应当相等",
            )
        for part in (c for c in data if is_where_of(c.label)):
            yield DraftCheck(
                next_id(),
                "at_most",
                "column",
                {"total": label(node.path), "parts": [label(part.path)]},
                f"「{part.label}」（{{column}}）为{{part_value}}，"
                f"超过「{node.label}」{{total}}",
            )
    for siblings in _sibling_groups(table.rows):
        for index, node in enumerate(siblings):
            if not (is_total(node.label) and node.has_figures):
                continue
            above = [
                s for s in siblings[:index] if s.has_figures and not is_total(s.label)
            ]
            if len(above) >= 2:
                yield DraftCheck(
                    next_id(),
                    "equal",
                    "column",
                    {
                        "left": [label(node.path)],
                        "right": [label(s.path) for s in above],
                    },
                    f"「{node.label}」（{{column}}）为{{left}}，以上各行之和为{{right}}，"
                    "二者应当相等",
                )
    yield from _total_columns(table, next_id)


def _sibling_groups(rows: list[RowNode]) -> Iterator[list[RowNode]]:
    yield rows
    for node in rows:
        if node.children:
            yield from _sibling_groups(node.children)


def _total_columns(table: DraftTable, next_id: Any) -> Iterator[DraftCheck]:
    columns = table.printed.columns
    leaves = [
        c for c in columns if not any(o != c and o[: len(c)] == c for o in columns)
    ]
    for column in leaves:
        if not is_total(column[-1]):
            continue
        siblings = [
            c
            for c in leaves
            if c != column
            and c[: len(column) - 1] == column[:-1]
            and not any(is_total(part) for part in c)
        ]
        if len(siblings) >= 2:
            yield DraftCheck(
                next_id(),
                "equal",
                "row",
                {"left": [label(column)], "right": [label(c) for c in siblings]},
                f"「{{row}}」一行的「{column[-1]}」为{{left}}，各列之和为{{right}}，"
                "二者应当相等",
            )


# -- the parent's checks on a replaced table -----------------------------------------


def _parent_checks_on(parent: Format, tables: list[DraftTable]) -> list[CheckSpec]:
    replaced = {t.id for t in tables if t.replaces}
    return [c for c in parent.checks if c.params.get("table") in replaced]


def _resolves(check: CheckSpec, fmt: Format) -> bool:
    try:
        validate_check(check, fmt)
    except FormatError:
        return False
    return True


# -- loading and checking the draft --------------------------------------------------


def _load(text: str, format_id: str) -> Format:
    """The draft as the format loader reads it beside the existing files."""
    existing = formats.FORMATS_DIR
    with tempfile.TemporaryDirectory(prefix="gongkai-learn-") as folder:
        for path in existing.glob("*.yaml"):
            shutil.copy(path, folder)
        (Path(folder) / "起草中的格式.yaml").write_text(text, encoding="utf-8")
        try:
            return formats.load_formats(Path(folder))[format_id]
        except FormatError as exc:
            raise LearnError(f"起草的格式文件无法加载：{exc}") from None


def _failing_checks(fmt: Format, tables: list[DraftTable], year: int) -> set[str]:
    """The drafted checks the report's own figures break: a structure the report
    does not keep is not a rule of the format."""
    report = ReportData(format=fmt.id, agency=AgencyRef("起草"), year=year)
    for table in tables:
        for figure in table.printed.figures:
            ref = CellRef(table.id, label(figure.row), label(figure.column))
            report.set(ref, figure.value)
    return {f.rule for f in run_checks(report, fmt) if f.rule.startswith("LEARNED.")}
