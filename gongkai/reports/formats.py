"""Report formats as data: the loader.

Each national or provincial format is one YAML file in ``gongkai/reports/formats/``
(the schema is documented in docs/reference/format-files.md). This module reads
and validates the files' structure into the shapes of ``schema`` (re-exported
here, where most callers look for them); each check is validated by its kind
(``checks``) and each fact's pattern compiled (``narrative``). Whether every
indicator a file names exists is checked at start-up by the ``reports`` app
(system check ``reports.E001``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .checks import validate_check
from .data import CellRef
from .narrative import compile_fact_pattern
from .schema import (
    PATH_SEPARATOR,
    Block,
    CellSpec,
    CheckSpec,
    Fact,
    Format,
    FormatError,
    HeaderPath,
    Node,
    SectionSpec,
    Table,
)

__all__ = [
    "FORMATS_DIR",
    "PATH_SEPARATOR",
    "Block",
    "CellSpec",
    "CheckSpec",
    "Fact",
    "Format",
    "FormatError",
    "HeaderPath",
    "Node",
    "SectionSpec",
    "Table",
    "all_formats",
    "get_format",
    "national_format_for_year",
]

FORMATS_DIR = Path(__file__).parent / "formats"


# -- loading -------------------------------------------------------------------------


@functools.cache
def all_formats(directory: Path | None = None) -> dict[str, Format]:
    """Every format file in ``directory`` (``FORMATS_DIR`` when none is given, read
    as the call is made), by id, each validated; kept for the process."""
    return load_formats(directory or FORMATS_DIR)


def load_formats(directory: Path) -> dict[str, Format]:
    """Every format file in ``directory``, read now (a draft checked beside the
    installed files, ``gongkai report formats learn``)."""
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
    """Each check's kind exists and its operands name cells of the format (the
    check kinds live in ``checks``)."""
    for check in fmt.checks:
        try:
            validate_check(check, fmt)
        except FormatError as exc:
            raise FormatError(f"{where}: 校验规则 {check.id}：{exc}") from None
