"""Report formats as data: the loader and the shapes it yields.

Each national or provincial format is one YAML file in ``gongkai/reports/formats/``
(the schema is documented in docs/reference/format-files.md). This module is pure
Python: it reads and validates the files' structure; whether every indicator a file
names exists is checked at start-up by the ``reports`` app (system check
``reports.E001``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .data import CellRef

FORMATS_DIR = Path(__file__).parent / "formats"
PATH_SEPARATOR = "/"


class FormatError(ValueError):
    """A format file that cannot be used, with the file and place it went wrong."""


@dataclass(frozen=True)
class Node:
    """A row or column header. Rows and columns share one shape.

    ``args`` and the presentation attributes are inherited from the ancestors;
    ``indicator`` is the nearest one defined on the path. A leaf always carries
    data; an inner row carries data too when it names an indicator itself
    (the legacy table's "（一）收到申请数" has a value and sub-rows).
    """

    label: str
    indicator: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)
    unit: str | None = None
    signed: bool = False
    decimals: int | None = None
    children: tuple[Node, ...] = ()
    own_indicator: bool = False

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class HeaderPath:
    """A data row or column: the nodes from the outermost header down."""

    nodes: tuple[Node, ...]
    prefix: tuple[str, ...] = ()  # e.g. the block title for table 二's rows

    @functools.cached_property
    def label(self) -> str:
        # Cached: the checks ask every path's label many times per report.
        labels = [*self.prefix, *(n.label for n in self.nodes)]
        return PATH_SEPARATOR.join(label for label in labels if label)

    @property
    def last(self) -> Node:
        return self.nodes[-1]


@dataclass(frozen=True)
class Block:
    """A rectangle of a table with its own column headers (table 二 has five)."""

    title: str | None
    corner: str | None  # the top-left header; None means the rows have no labels
    unit_column: str | None  # statistics tables print a unit column, e.g. "单位"
    columns: tuple[Node, ...]
    rows: tuple[Node, ...]

    def data_columns(self) -> list[HeaderPath]:
        return list(self._data_columns)

    def data_rows(self) -> list[HeaderPath]:
        return list(self._data_rows)

    # Computed once per block: a build and its checks walk the headers hundreds of
    # times (a frozen dataclass can still cache, in the instance's __dict__).
    @functools.cached_property
    def _data_columns(self) -> tuple[HeaderPath, ...]:
        return tuple(HeaderPath(p) for p in _leaf_paths(self.columns))

    @functools.cached_property
    def _data_rows(self) -> tuple[HeaderPath, ...]:
        prefix = (self.title,) if self.title else ()
        return tuple(HeaderPath(p, prefix) for p in _data_row_paths(self.rows))


@dataclass(frozen=True)
class CellSpec:
    """One data cell of a format: where it is and which indicator fills it."""

    ref: CellRef
    indicator: str
    args: Mapping[str, Any]
    unit: str | None
    signed: bool
    decimals: int | None


@dataclass(frozen=True)
class Table:
    id: str  # the number as printed ("二"), or the statistics table's name
    title: str | None  # printed caption; may contain {year}
    blocks: tuple[Block, ...]

    def cells(self) -> Iterator[CellSpec]:
        for block in self.blocks:
            for row in block.data_rows():
                for column in block.data_columns():
                    yield _cell_spec(self.id, row, column)

    def caption(self, year: int) -> str:
        return (self.title or "").format(year=year)


@dataclass(frozen=True)
class SectionSpec:
    number: str
    heading: str
    narrative: str | None = None  # key of the text staff write, e.g. "overview"
    table: str | None = None  # id of the table printed under it

    @property
    def full_heading(self) -> str:
        return f"{self.number}、{self.heading}" if self.number else self.heading


@dataclass(frozen=True)
class CheckSpec:
    """A consistency rule instance; ``kind`` selects the code that evaluates it."""

    id: str
    kind: str
    message: str
    severity: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Fact:
    """A figure the narrative states: how the draft words it and how to find it."""

    section: str
    template: str
    pattern: str
    ref: CellRef


@dataclass(frozen=True)
class Format:
    id: str
    name: str
    basis: str
    first_year: int
    last_year: int | None
    title: str
    sections: tuple[SectionSpec, ...]
    tables: tuple[Table, ...]
    checks: tuple[CheckSpec, ...]
    facts: tuple[Fact, ...] = ()
    attested: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    extends: str | None = None

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def cells(self) -> Iterator[CellSpec]:
        for table in self.tables:
            yield from table.cells()

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (
            self.last_year is None or year <= self.last_year
        )

    def report_title(self, agency: str, year: int) -> str:
        return self.title.format(agency=agency, year=year)


# -- loading -------------------------------------------------------------------------


@functools.cache
def all_formats(directory: Path = FORMATS_DIR) -> dict[str, Format]:
    """Every format file in ``directory``, by id, each validated."""
    raw: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = _read(path)
        format_id = str(data.get("id") or "")
        if not format_id:
            raise FormatError(f"{path.name}: 缺少 id")
        if format_id in raw:
            raise FormatError(
                f"{path.name}: id {format_id!r} 与 {raw[format_id][0].name} 重复"
            )
        raw[format_id] = (path, data)
    return {fid: _build(fid, raw) for fid in raw}


def get_format(format_id: str) -> Format:
    try:
        return all_formats()[format_id]
    except KeyError:
        known = "、".join(all_formats())
        raise FormatError(
            f"没有名为 {format_id!r} 的报告格式（可用：{known}）"
        ) from None


def national_format_for_year(year: int) -> Format:
    """The national format a report on ``year`` is built in: past years keep theirs."""
    for fmt in all_formats().values():
        if fmt.extends is None and fmt.covers(year):
            return fmt
    raise FormatError(f"没有适用于 {year} 年的全国统一格式")


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FormatError(f"{path.name}: 不是有效的 YAML：{exc}") from exc
    if not isinstance(data, dict):
        raise FormatError(f"{path.name}: 顶层应为映射")
    return data


def _build(
    format_id: str,
    raw: dict[str, tuple[Path, dict[str, Any]]],
    seen: tuple[str, ...] = (),
) -> Format:
    path, data = raw[format_id]
    where = path.name
    parent: Format | None = None
    if parent_id := str(data.get("extends") or ""):
        if parent_id not in raw or parent_id in seen:
            raise FormatError(f"{where}: extends 指向未知或循环的格式 {parent_id!r}")
        parent = _build(parent_id, raw, (*seen, format_id))
    tables = {t.id: t for t in parent.tables} if parent else {}
    for i, t in enumerate(data.get("tables") or []):
        table = _table(t, f"{where}: tables[{i}]")
        tables[table.id] = table
    sections = (
        tuple(
            _section(s, f"{where}: sections[{i}]")
            for i, s in enumerate(data["sections"])
        )
        if "sections" in data
        else (parent.sections if parent else ())
    )
    for s in sections:
        if s.table and s.table not in tables:
            raise FormatError(
                f"{where}: 章节「{s.heading}」引用了不存在的表格 {s.table!r}"
            )
    fmt = Format(
        id=format_id,
        name=_get(data, "name", str, where, parent and parent.name),
        basis=_get(data, "basis", str, where, parent and parent.basis),
        first_year=_get(data, "first_year", int, where, parent and parent.first_year),
        last_year=_get(
            data, "last_year", (int, type(None)), where, parent and parent.last_year
        ),
        title=_get(data, "title", str, where, parent and parent.title),
        sections=sections,
        tables=tuple(tables.values()),
        checks=_merge_checks(
            parent.checks if parent else (),
            tuple(
                _check(c, f"{where}: checks[{i}]")
                for i, c in enumerate(data.get("checks") or [])
            ),
        ),
        facts=(
            *_facts_still_shown(parent.facts if parent else (), tables.values()),
            *(
                _fact(f, f"{where}: facts[{i}]")
                for i, f in enumerate(data.get("facts") or [])
            ),
        ),
        attested={
            **(parent.attested if parent else {}),
            **(data.get("attested") or {}),
        },
        extends=parent.id if parent else None,
    )
    _validate_refs(fmt, where)
    _validate_checks(fmt, where)
    return fmt


def _get(
    data: dict[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    where: str,
    default: Any = None,
) -> Any:
    value = data.get(key, default)
    if not isinstance(value, kind) or isinstance(value, bool):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        name = "/".join(k.__name__ for k in kinds)
        raise FormatError(f"{where}: {key} 应为 {name}，实为 {value!r}")
    return value


def _merge_checks(
    inherited: tuple[CheckSpec, ...], own: tuple[CheckSpec, ...]
) -> tuple[CheckSpec, ...]:
    """The parent's checks in order, each replaced by the variant's check of the
    same id, then the variant's new ones."""
    by_id = {c.id: c for c in own}
    merged = [by_id.pop(c.id, c) for c in inherited]
    return (*merged, *(c for c in own if c.id in by_id))


def _facts_still_shown(
    facts: tuple[Fact, ...], tables: Iterable[Table]
) -> tuple[Fact, ...]:
    refs = {cell.ref for table in tables for cell in table.cells()}
    return tuple(f for f in facts if f.ref in refs)


def _node(data: Any, where: str, inherited: Node | None = None) -> Node:
    if isinstance(data, str):
        data = {"label": data}
    if not isinstance(data, dict) or "label" not in data:
        raise FormatError(f"{where}: 表头应为带 label 的映射，实为 {data!r}")
    unknown = set(data) - {
        "label",
        "indicator",
        "args",
        "unit",
        "signed",
        "decimals",
        "children",
    }
    if unknown:
        raise FormatError(f"{where}: 未知的键 {sorted(unknown)}")
    args = data.get("args") or {}
    if not isinstance(args, dict):
        raise FormatError(f"{where}: args 应为映射，实为 {args!r}")
    decimals = data.get("decimals")
    if decimals is not None and (type(decimals) is not int or decimals < 0):
        raise FormatError(f"{where}: decimals 应为非负整数，实为 {decimals!r}")
    base = inherited or Node(label="")
    node = Node(
        label=str(data["label"]),
        indicator=data.get("indicator", base.indicator),
        own_indicator=data.get("indicator") is not None,
        args={**base.args, **args},
        unit=data.get("unit", base.unit),
        signed=bool(data.get("signed", base.signed)),
        decimals=data.get("decimals", base.decimals),
    )
    children = tuple(
        _node(c, f"{where}.children[{i}]", node)
        for i, c in enumerate(data.get("children") or [])
    )
    return Node(**{**node.__dict__, "children": children})


def _block(data: dict[str, Any], where: str) -> Block:
    if not isinstance(data, dict):
        raise FormatError(f"{where}: 区块应为映射，实为 {data!r}")
    columns = tuple(
        _node(c, f"{where}.columns[{i}]")
        for i, c in enumerate(data.get("columns") or [])
    )
    rows = tuple(
        _node(r, f"{where}.rows[{i}]") for i, r in enumerate(data.get("rows") or [])
    )
    if not columns or not rows:
        raise FormatError(f"{where}: 区块需要 columns 和 rows")
    return Block(
        title=data.get("title"),
        corner=data.get("corner"),
        unit_column=data.get("unit_column"),
        columns=columns,
        rows=rows,
    )


def _table(data: dict[str, Any], where: str) -> Table:
    if not isinstance(data, dict):
        raise FormatError(f"{where}: 表格应为映射，实为 {data!r}")
    table_id = str(data.get("id") or "")
    if not table_id:
        raise FormatError(f"{where}: 表格缺少 id")
    blocks = tuple(
        _block(b, f"{where}.blocks[{i}]")
        for i, b in enumerate(data.get("blocks") or [])
    )
    if not blocks:
        raise FormatError(f"{where}: 表格 {table_id} 没有区块")
    table = Table(id=table_id, title=data.get("title"), blocks=blocks)
    seen: set[CellRef] = set()
    try:
        for cell in table.cells():
            if cell.ref in seen:
                raise FormatError(f"单元格 {cell.ref} 重复")
            seen.add(cell.ref)
    except FormatError as exc:
        raise FormatError(f"{where}: {exc}") from None
    return table


def _section(data: dict[str, Any], where: str) -> SectionSpec:
    if not isinstance(data, dict) or "heading" not in data:
        raise FormatError(f"{where}: 章节需要 heading")
    return SectionSpec(
        number=str(data.get("number") or ""),
        heading=str(data["heading"]),
        narrative=data.get("narrative"),
        table=str(data["table"]) if data.get("table") else None,
    )


def _check(data: dict[str, Any], where: str) -> CheckSpec:
    for key in ("id", "kind", "message"):
        if key not in data:
            raise FormatError(f"{where}: 校验规则缺少 {key}")
    params = {
        k: v for k, v in data.items() if k not in {"id", "kind", "message", "severity"}
    }
    severity = data.get("severity", "error")
    if severity not in {"error", "warning"}:
        raise FormatError(f"{where}: severity 只能是 error 或 warning")
    return CheckSpec(
        str(data["id"]), str(data["kind"]), str(data["message"]), severity, params
    )


def _fact(data: dict[str, Any], where: str) -> Fact:
    from .narrative import compile_fact_pattern  # late: narrative imports us

    try:
        cell = data["cell"]
        fact = Fact(
            section=str(data["section"]),
            template=str(data["template"]),
            pattern=str(data["pattern"]),
            ref=CellRef(str(cell["table"]), str(cell["row"]), str(cell["column"])),
        )
    except (KeyError, TypeError) as exc:
        raise FormatError(
            f"{where}: 叙述要素需要 section、template、pattern 和 cell"
        ) from exc
    if "{value}" not in fact.template:
        raise FormatError(f"{where}: 叙述要素的 template 应含 {{value}}")
    try:
        compile_fact_pattern(fact.pattern)
    except FormatError as exc:
        raise FormatError(f"{where}: {exc}") from None
    return fact


def _validate_refs(fmt: Format, where: str) -> None:
    refs = {c.ref for c in fmt.cells()}
    for fact in fmt.facts:
        if fact.ref not in refs:
            raise FormatError(f"{where}: 叙述要素引用了不存在的单元格 {fact.ref}")


def _validate_checks(fmt: Format, where: str) -> None:
    """Each check's kind exists and its operands name cells of the format; the
    check kinds live in ``checks`` (imported here, late, because it imports us)."""
    from .checks import validate_check

    for check in fmt.checks:
        try:
            validate_check(check, fmt)
        except FormatError as exc:
            raise FormatError(f"{where}: 校验规则 {check.id}：{exc}") from None


def _leaf_paths(
    nodes: tuple[Node, ...], above: tuple[Node, ...] = ()
) -> Iterator[tuple[Node, ...]]:
    for node in nodes:
        path = (*above, node)
        if node.is_leaf:
            yield path
        else:
            yield from _leaf_paths(node.children, path)


def _data_row_paths(
    nodes: tuple[Node, ...], above: tuple[Node, ...] = ()
) -> Iterator[tuple[Node, ...]]:
    for node in nodes:
        path = (*above, node)
        if node.is_leaf or node.own_indicator:
            yield path
        yield from _data_row_paths(node.children, path)


def _cell_spec(table_id: str, row: HeaderPath, column: HeaderPath) -> CellSpec:
    r, c = row.last, column.last
    indicator = r.indicator or c.indicator
    if r.indicator and c.indicator:
        raise FormatError(
            f"表{table_id}「{row.label}」×「{column.label}」: 行和列都指定了 indicator"
        )
    if not indicator:
        raise FormatError(
            f"表{table_id}「{row.label}」×「{column.label}」: 没有 indicator"
        )
    return CellSpec(
        ref=CellRef(table_id, row.label, column.label),
        indicator=indicator,
        args={**c.args, **r.args},
        unit=r.unit or c.unit,
        signed=r.signed or c.signed,
        decimals=r.decimals if r.decimals is not None else c.decimals,
    )
