"""Consistency checks (勾稽关系 and the rest) over any ``ReportData``.

The rules are data: each format file lists check instances ``{id, kind, message,
severity?, ...params}`` (docs/reference/checks.md). This module holds only the
*kinds*, the few pieces of arithmetic the instances are made of:

- ``equal``: the sum of ``left`` equals the sum of ``right``;
- ``at_most``: each of ``parts`` is at most ``total`` (a part given as a list is
  summed first);
- ``carry_over``: this report's ``row`` equals the previous report's
  ``previous_row`` (table 三's 上年结转 and 结转下年度);
- ``narrative``: the figures the narrative states match the cells, found with the
  format's ``facts`` (``gongkai.reports.narrative``);
- ``placeholder``: no narrative section still holds a 【…】 placeholder, the
  marks gongkai's draft leaves where only the agency can write (【请补充…】).

Operands are given relative to ``table`` and ``for_each``: with ``for_each:
column`` they are row paths, checked in every data column of the rows' block; with
``for_each: row`` they are column paths, checked in every data row. Without
``for_each`` they are full references ``{row, column}``. A path may be shortened to
its last segments when that is unambiguous in the table ("（七）总计").

A check never knows whether its report was computed or imported. Real published
reports leave cells blank: a blank operand counts as 0, unless every operand of
the comparison is blank, in which case there is nothing to compare. Findings do
not reject a report; they tell its authors and readers what does not add up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .data import CellRef, Finding, ReportData, Value
from .narrative import stated_facts
from .schema import PATH_SEPARATOR, Block, CheckSpec, Format, FormatError, HeaderPath

# A placeholder the draft leaves for the agency to fill: 【请补充…】, 【请填写…】.
PLACEHOLDER = re.compile(r"【[^【】]*】")

# An operand: the cells whose values are summed.
Group = tuple[CellRef, ...]


def run_checks(
    report: ReportData, fmt: Format, previous: ReportData | None = None
) -> list[Finding]:
    """Every finding of ``fmt``'s checks on ``report``, in the order of the checks.

    ``previous`` is the report on the year before, for ``carry_over`` checks; they
    are skipped without it.
    """
    if previous is not None and previous.year != report.year - 1:
        raise ValueError(
            f"上一年度报告应为 {report.year - 1} 年，实为 {previous.year} 年"
        )
    findings: list[Finding] = []
    for check in fmt.checks:
        kind = _kind(check)
        findings.extend(kind.run(check, fmt, report, previous))
    return findings


def validate_check(check: CheckSpec, fmt: Format) -> None:
    """Raise ``FormatError`` unless ``check`` can run on reports in ``fmt``: its
    kind exists and every operand names cells of the format."""
    _kind(check).validate(check, fmt)


# -- kinds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    validate: Callable[[CheckSpec, Format], None]
    run: Callable[[CheckSpec, Format, ReportData, ReportData | None], Iterator[Finding]]


def _kind(check: CheckSpec) -> _Kind:
    try:
        return KINDS[check.kind]
    except KeyError:
        known = "、".join(KINDS)
        raise FormatError(f"未知的校验类型 {check.kind!r}（可用：{known}）") from None


def _operands_resolve(*keys: str) -> Callable[[CheckSpec, Format], None]:
    """A validator: the check has ``keys`` and each of them names format cells."""

    def validate(check: CheckSpec, fmt: Format) -> None:
        missing = [k for k in keys if k not in check.params]
        if missing:
            raise FormatError(f"{check.kind} 类型需要 {'、'.join(missing)}")
        _instances(check, fmt, keys)  # resolves every operand, or raises

    return validate


def _run_equal(
    check: CheckSpec, fmt: Format, report: ReportData, _previous: ReportData | None
) -> Iterator[Finding]:
    for line, groups in _instances(check, fmt, ("left", "right")):
        left, right = groups["left"][0], groups["right"][0]
        left_values, right_values = _values(report, left), _values(report, right)
        if left_values is None or right_values is None:
            continue  # a collapsed row covers only part of a side: no sum known
        if all(v is None for v in (*left_values, *right_values)):
            continue
        left_sum, right_sum = _total(left_values), _total(right_values)
        if left_sum != right_sum:
            yield _finding(
                check,
                (*left, *right),
                line,
                left=_show(left_sum),
                right=_show(right_sum),
            )


def _run_at_most(
    check: CheckSpec, fmt: Format, report: ReportData, _previous: ReportData | None
) -> Iterator[Finding]:
    for line, groups in _instances(check, fmt, ("total", "parts")):
        total = groups["total"][0]
        total_values = _values(report, total)
        for part in groups["parts"]:
            part_values = _values(report, part)
            if total_values is None or part_values is None:
                continue
            if all(v is None for v in (*total_values, *part_values)):
                continue
            total_sum, part_sum = _total(total_values), _total(part_values)
            if part_sum > total_sum:
                yield _finding(
                    check,
                    (*total, *part),
                    line,
                    total=_show(total_sum),
                    total_label=_names(total, line),
                    part=_names(part, line),
                    part_value=_show(part_sum),
                )


def _validate_carry_over(check: CheckSpec, fmt: Format) -> None:
    if check.params.get("for_each") != "column":
        raise FormatError("carry_over 需要 for_each: column")
    for key in ("row", "previous_row"):
        if not isinstance(check.params.get(key), str):
            raise FormatError(f"carry_over 的 {key} 应为一个行路径")
    _operands_resolve("row", "previous_row")(check, fmt)


def _run_carry_over(
    check: CheckSpec, fmt: Format, report: ReportData, previous: ReportData | None
) -> Iterator[Finding]:
    if previous is None:
        return
    for line, groups in _instances(check, fmt, ("row", "previous_row")):
        (this_ref,) = groups["row"][0]
        (previous_ref,) = groups["previous_row"][0]
        if not previous.has(previous_ref):
            continue
        this_value = report.value(*_parts(this_ref))
        previous_value = previous.value(*_parts(previous_ref))
        if this_value is None and previous_value is None:
            continue
        if (this_value or 0) != (previous_value or 0):
            yield _finding(
                check,
                (this_ref,),
                line,
                value=_show(this_value or 0),
                previous=_show(previous_value or 0),
                previous_year=str(previous.year),
            )


def _validate_narrative(check: CheckSpec, fmt: Format) -> None:
    """Nothing to add: the loader has already compiled every fact's pattern."""


def _run_narrative(
    check: CheckSpec, fmt: Format, report: ReportData, _previous: ReportData | None
) -> Iterator[Finding]:
    for section in report.sections:
        if not section.key or not section.text:
            continue
        for fact, text, stated in stated_facts(section.text, fmt, section=section.key):
            expected = report.value(*_parts(fact.ref)) or 0
            if stated != expected:
                yield _finding(
                    check,
                    (fact.ref,),
                    None,
                    section=section.heading,
                    text=text,
                    stated=_show(stated),
                    expected=_show(expected),
                    cell=str(fact.ref),
                )


def _validate_placeholder(check: CheckSpec, fmt: Format) -> None:
    """Nothing to resolve: the check reads the narrative, not the cells."""


def _run_placeholder(
    check: CheckSpec, fmt: Format, report: ReportData, _previous: ReportData | None
) -> Iterator[Finding]:
    for section in report.sections:
        if not section.key or not section.text:
            continue
        for match in PLACEHOLDER.finditer(section.text):
            yield _finding(check, (), None, section=section.heading, text=match[0])


KINDS: dict[str, _Kind] = {
    "equal": _Kind(_operands_resolve("left", "right"), _run_equal),
    "at_most": _Kind(_operands_resolve("total", "parts"), _run_at_most),
    "carry_over": _Kind(_validate_carry_over, _run_carry_over),
    "narrative": _Kind(_validate_narrative, _run_narrative),
    "placeholder": _Kind(_validate_placeholder, _run_placeholder),
}


# -- operands ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """The row or column a ``for_each`` check is being evaluated on."""

    axis: str  # "row" or "column"
    path: HeaderPath

    @property
    def name(self) -> str:
        return _last(self.path.label)


Instance = tuple[_Line | None, dict[str, list[Group]]]
_RESOLVED: dict[tuple[int, int, tuple[str, ...]], tuple[CheckSpec, Format, tuple]] = {}


def _instances(
    check: CheckSpec, fmt: Format, keys: Sequence[str]
) -> tuple[Instance, ...]:
    """Each evaluation of ``check``: the line it runs on and, per operand key, the
    groups of cells it compares (one group, or one per part for ``parts``).

    Resolved once per check and format: the labels do not change from one report to
    the next, and an import batch or a page of builds checks many reports."""
    key = (id(check), id(fmt), tuple(keys))
    cached = _RESOLVED.get(key)
    if cached is None or cached[0] is not check or cached[1] is not fmt:
        cached = _RESOLVED[key] = (
            check,
            fmt,
            tuple(_resolve_instances(check, fmt, keys)),
        )
    return cached[2]


def _resolve_instances(
    check: CheckSpec, fmt: Format, keys: Sequence[str]
) -> Iterator[Instance]:
    for_each = check.params.get("for_each")
    raw = {key: _operand_groups(key, check.params[key]) for key in keys}
    if for_each is None:
        table_id = check.params.get("table")
        groups = {
            key: [tuple(_full_ref(fmt, table_id, op) for op in g) for g in gs]
            for key, gs in raw.items()
        }
        yield None, groups
        return
    if for_each not in ("row", "column"):
        raise FormatError(f"for_each 只能是 row 或 column，实为 {for_each!r}")
    table_id = _table_id(check, fmt)
    block = _block_of(fmt, table_id, for_each, raw)
    along = block.data_columns() if for_each == "column" else block.data_rows()
    across = block.data_rows() if for_each == "column" else block.data_columns()
    resolved = {
        key: [tuple(_resolve(op, across, table_id) for op in g) for g in gs]
        for key, gs in raw.items()
    }
    for line in along:
        groups = {
            key: [tuple(_ref(table_id, for_each, line, p) for p in g) for g in gs]
            for key, gs in resolved.items()
        }
        yield _Line(for_each, line), groups


def _operand_groups(key: str, value: Any) -> list[list[Any]]:
    """``left``/``right``/``total``/``row`` are one group (a path or a list of
    paths, summed); ``parts`` is a list of groups, each a path or a list."""
    if isinstance(value, (str, Mapping)):
        return [[value]]
    if not isinstance(value, list) or not value:
        raise FormatError(f"{key} 应为路径或路径列表，实为 {value!r}")
    if key == "parts":
        return [part if isinstance(part, list) else [part] for part in value]
    return [list(value)]


def _table_id(check: CheckSpec, fmt: Format) -> str:
    table_id = str(check.params.get("table") or "")
    try:
        fmt.table(table_id)
    except KeyError:
        raise FormatError(f"没有表格 {table_id!r}") from None
    return table_id


def _block_of(
    fmt: Format, table_id: str, for_each: str, raw: Mapping[str, list[list[Any]]]
) -> Block:
    """The block holding every operand path (operands never span blocks)."""
    paths = [op for gs in raw.values() for g in gs for op in g]
    blocks = fmt.table(table_id).blocks

    def across(block: Block) -> list[HeaderPath]:
        return block.data_rows() if for_each == "column" else block.data_columns()

    for operand in paths:
        if not any(_matches(operand, across(b)) for b in blocks):
            raise FormatError(f"表{table_id}的「{operand}」不存在")
    for block in blocks:
        if all(_matches(operand, across(block)) for operand in paths):
            return block
    raise FormatError(f"表{table_id}：一条校验的操作数分属不同区块")


def _matches(operand: Any, paths: Sequence[HeaderPath]) -> list[HeaderPath]:
    if not isinstance(operand, str):
        raise FormatError(f"for_each 校验的操作数应为路径字符串，实为 {operand!r}")
    exact = [p for p in paths if p.label == operand]
    if exact:
        return exact
    return [p for p in paths if p.label.endswith(PATH_SEPARATOR + operand)]


def _resolve(operand: str, paths: Sequence[HeaderPath], table_id: str) -> HeaderPath:
    found = _matches(operand, paths)
    if len(found) != 1:
        what = "不存在" if not found else "有歧义：" + "、".join(p.label for p in found)
        raise FormatError(f"表{table_id}的「{operand}」{what}")
    return found[0]


def _ref(table_id: str, for_each: str, line: HeaderPath, path: HeaderPath) -> CellRef:
    if for_each == "column":
        return CellRef(table_id, path.label, line.label)
    return CellRef(table_id, line.label, path.label)


def _full_ref(fmt: Format, table_id: str | None, operand: Any) -> CellRef:
    if not isinstance(operand, Mapping) or not {"row", "column"} <= set(operand):
        raise FormatError(
            f"没有 for_each 时操作数应为 {{row, column}}，实为 {operand!r}"
        )
    table = str(operand.get("table") or table_id or "")
    if not table:
        raise FormatError(f"操作数 {dict(operand)} 没有指明表格")
    ref = CellRef(table, str(operand["row"]), str(operand["column"]))
    if ref not in {c.ref for c in fmt.cells()}:
        raise FormatError(f"单元格 {ref} 不存在")
    return ref


# -- values and messages -------------------------------------------------------------


def _parts(ref: CellRef) -> tuple[str, str, str]:
    return ref.table, ref.row, ref.column


def _values(report: ReportData, refs: Sequence[CellRef]) -> list[Value] | None:
    """The values of ``refs``, to be summed; None when the sum is not known. An
    imported report may print a parent row alone where the format has sub-rows, or
    a parent column where it has sub-columns (the importer's *collapsed* cell,
    whose source names the sub-rows, or with ``collapsed_axis: column`` the
    sub-columns): its figure stands for all of them at once, and when a group
    holds only some of them its sum is not known; nor is it when a cell was
    printed but could not be read (its source says ``unread``: figures run
    together that split more than one way). A row or column the report prints
    beyond its format (``printed_child``) is no operand of any check: ``refs``
    are the format's cells, and a printed child is never one of them."""
    values: list[Value] = []
    covered: dict[CellRef, set[str]] = {}
    for ref in refs:
        cell = report.cells.get(ref)
        if cell is not None and cell.source and cell.source.get("unread"):
            return None  # printed, but the importer could not read it
        if cell is not None and cell.source and cell.source.get("printed_child"):
            continue  # kept as printed, beside the format: never an addend
        value = cell.value if cell is not None else None
        found = _collapsed_parent(report, ref) if value is None else None
        if found is None:
            values.append(value)
        else:
            parent, part = found
            covered.setdefault(parent, set()).add(part)
    for parent, parts in covered.items():
        source = report.cells[parent].source or {}
        if parts != set(source["collapsed"]):
            return None
        values.append(report.cells[parent].value)
    return values


def _collapsed_parent(report: ReportData, ref: CellRef) -> tuple[CellRef, str] | None:
    """The collapsed cell standing for ``ref`` (a parent row's in the same column,
    or a parent column's in the same row), with the row or column path of ``ref``
    it covers."""
    for axis, path in (("row", ref.row), ("column", ref.column)):
        while PATH_SEPARATOR in path:
            path = path.rsplit(PATH_SEPARATOR, 1)[0]
            parent = (
                CellRef(ref.table, path, ref.column)
                if axis == "row"
                else CellRef(ref.table, ref.row, path)
            )
            cell = report.cells.get(parent)
            source = cell.source if cell is not None else None
            if (
                source
                and source.get("collapsed")
                and source.get("collapsed_axis", "row") == axis
            ):
                return parent, ref.row if axis == "row" else ref.column
    return None


def _total(values: Sequence[Value]) -> int | Decimal:
    return sum((v or 0 for v in values), start=0)


def _show(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def _last(label: str) -> str:
    return label.rsplit(PATH_SEPARATOR, 1)[-1]


def _names(group: Group, line: _Line | None) -> str:
    """How the operand is called in a message: its row (or, when checking along
    a row, its column) by the last segment of the label."""
    by_column = line is not None and line.axis == "row"
    return "与".join(_last(ref.column if by_column else ref.row) for ref in group)


class _Placeholders(dict[str, str]):
    """Unknown placeholders stay as written instead of failing the whole run."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _finding(
    check: CheckSpec, cells: Sequence[CellRef], line: _Line | None, **values: str
) -> Finding:
    table = cells[0].table if cells else ""
    placeholders = _Placeholders(
        table=table,
        row=line.name if line and line.axis == "row" else "",
        column=line.name if line and line.axis == "column" else "",
        **values,
    )
    message = check.message.format_map(placeholders)
    return Finding(check.id, check.severity, message, list(dict.fromkeys(cells)))
