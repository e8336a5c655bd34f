"""Writing the drafted format file: YAML a person reviews.

The file is written by hand, not by a YAML dumper, because its comments are the
point: each row says which national row it was matched to and how well
(``# 匹配：表三「…」 0.92``), or that a person must map it (``# 待人工映射``).
Every value is written as JSON, which YAML reads as it is.

What the format schema cannot say is said in comments, never guessed:
- a second column (a period column such as 累计): a cell's indicator is its row's,
  and the schema refuses an indicator on both, so every column carries the row's
  indicator; the file imports each column exactly, but ``gongkai report build`` in
  this format would print the first column's figure under 累计 — each column after
  the first is marked for the reviewer;
- arguments a row inherits from a mapped parent that its own indicator does not
  take (the loader merges a node's args into its children's): the row is marked.
"""

from __future__ import annotations

import json
from typing import Any

from gongkai.reports.formats import CheckSpec, Format
from gongkai.reports.indicators import INDICATORS

from ..parsing.tables import table_name
from .match import Match
from .read import Source
from .shapes import ColumnNode, DraftCheck, DraftTable, RowNode, label, walk

TO_FILL = "待填写"
UNMAPPED = "待人工映射"


def _q(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(
    source: Source,
    format_id: str,
    parent: Format,
    tables: list[DraftTable],
    disabled: list[CheckSpec],
) -> str:
    year = source.year
    lines = [
        f"# 由 gongkai report formats learn 从「{source.name}」起草。",
        "# 复核：每行后的「匹配」注释给出对应的全国格式行与相似度，请逐行核对；",
        f"# 标为「{UNMAPPED}」的行暂作本格式的证明数字（attested），请改为正确的",
        "# indicator 和 args，并删去 attested 中相应的一项。",
        "# 步骤见 docs/how-to/learn-a-format.md。",
        f"id: {_q(format_id)}",
        f"extends: {_q(parent.id)}",
        f"name: {_q(TO_FILL + '：格式名称')}  # {TO_FILL}",
        f"basis: {_q(TO_FILL + '：所依据的文件')}  # {TO_FILL}",
        f"first_year: {year or parent.first_year}"
        f"  # {TO_FILL}：起草时取报告年度，请改为本格式适用的起止年度",
        f"last_year: {year or parent.first_year}",
    ]
    attested = [
        (n, t) for t in tables for n in walk(t.rows) if n.attested_key is not None
    ]
    if attested:
        lines += ["", "attested:"]
        for node, _ in attested:
            entry: dict[str, str] = {"label": "：".join(node.path)}
            if node.unit:
                entry["unit"] = node.unit
            lines.append(f"  {_q(node.attested_key)}: {_flow(entry)}  # {UNMAPPED}")
    lines += ["", "tables:"]
    for table in tables:
        lines += _table_lines(table, parent)
    if disabled or any(t.checks for t in tables):
        lines += ["", "checks:"]
    for table in tables:
        for learned in table.checks:
            lines += _check_lines(table.id, learned)
    for inherited in disabled:
        lines += _disabled_lines(inherited, tables)
    return "\n".join(lines) + "\n"


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_q(v)}" for k, v in mapping.items()) + "}"


def _table_lines(table: DraftTable, parent: Format) -> list[str]:
    comment = (
        f"  # 替换{parent.id}格式的{table_name(table.id)}"
        if table.replaces
        else "  # 新增的表格"
    )
    lines = [f"  - id: {_q(table.id)}{comment}"]
    if table.title:
        lines.append(f"    title: {_q(table.title)}")
    lines += [
        "    blocks:",
        f"      - corner: {_q(table.learned.corner or '统计指标')}",
    ]
    units = any(n.unit for n in walk(table.rows))
    if units:
        lines.append(f"        unit_column: {_q(table.learned.unit_header or '单位')}")
    lines.append("        columns:")
    lines += _column_lines(table.columns, 10, first=True)
    lines.append("        rows:")
    for node in table.rows:
        lines += _row_lines(node, 10, {}, None)
    return lines


def _column_lines(
    columns: list[ColumnNode], indent: int, first: bool = False
) -> list[str]:
    pad = " " * indent
    lines = []
    for index, column in enumerate(columns):
        note = ""
        if not (first and index == 0) and not column.children:
            note = (
                "  # 注意：格式文件不能为一列另设指标，此列沿用各行的指标；"
                "导入时按原样读取，生成报告时此列会与第一列相同"
            )
        lines.append(f"{pad}- label: {_q(column.label)}{note}")
        if column.children:
            lines.append(f"{pad}  children:")
            lines += _column_lines(column.children, indent + 4)
    return lines


def _row_lines(
    node: RowNode, indent: int, inherited: dict[str, Any], inherited_from: str | None
) -> list[str]:
    pad = " " * indent
    own_args: dict[str, Any] = {}
    indicator = None
    comment = ""
    if node.attested_key is not None:
        indicator, own_args = "attested", {"key": node.attested_key}
        near = f"（最接近：{_where(node.match)}）" if node.match else ""
        comment = f"  # {UNMAPPED}{near}"
    elif node.has_figures and node.match is not None:
        indicator, own_args = (
            node.match.candidate.indicator,
            dict(node.match.candidate.args),
        )
        comment = f"  # 匹配：{_where(node.match)}"
    lines = [f"{pad}- label: {_q(node.label)}{comment}"]
    if indicator is not None:
        resolved = {**inherited, **own_args}
        problems = (
            INDICATORS[indicator].problems(resolved) if indicator in INDICATORS else []
        )
        lines.append(f"{pad}  indicator: {indicator}")
        if own_args:
            lines.append(f"{pad}  args: {_flow(own_args)}")
        if problems:
            lines.append(
                f"{pad}  # 注意：此行继承了上级行「{inherited_from}」的参数，"
                f"与所映射的指标不符（{'；'.join(problems)}），请调整映射"
            )
        inherited, inherited_from = resolved, node.label
    if node.unit:
        lines.append(f"{pad}  unit: {_q(node.unit)}")
    if node.children:
        lines.append(f"{pad}  children:")
        for child in node.children:
            lines += _row_lines(child, indent + 4, inherited, inherited_from)
    return lines


def _where(match: Match | None) -> str:
    if match is None:
        return ""
    return f"{match.candidate.where} {match.score:.2f}"


def _check_lines(table_id: str, check: DraftCheck) -> list[str]:
    lines = [
        f"  - id: {_q(check.id)}  # 由表格结构推出，本报告的数字满足它",
        f"    kind: {check.kind}",
        f"    table: {_q(table_id)}",
        f"    for_each: {check.for_each}",
    ]
    lines += [f"    {k}: {_q(v)}" for k, v in check.operands.items()]
    lines.append(f"    message: {_q(check.message)}")
    return lines


def _disabled_lines(check: CheckSpec, tables: list[DraftTable]) -> list[str]:
    """The parent's check on a replaced table whose rows this table does not print:
    replaced (by id, as the loader merges checks) with one that always holds, on
    the first row, since the schema has no way to drop an inherited check."""
    table = next(t for t in tables if t.id == check.params.get("table"))
    first = next(n for n in walk(table.rows) if n.has_figures)
    return [
        f"  - id: {_q(check.id)}  # 停用：上级格式的这条校验所指的行本表没有",
        "    kind: at_most",
        f"    table: {_q(table.id)}",
        "    for_each: column",
        f"    total: {_q(label(first.path))}",
        f"    parts: [{_q(label(first.path))}]",
        f"    message: {_q('（已停用的上级校验）')}",
    ]
