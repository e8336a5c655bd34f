"""Labels of the annual report's codes for the workspace's pages: an attested
figure's key, an indicator's name and a report format's id, each by the Chinese
label its data file or its definition gives (never the code)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def attested_label(key: str) -> str:
    """``licensing.decisions`` → 行政许可：处理决定数量 (the national keys, then
    those a provincial format declares)."""
    from gongkai.agencies.attested import NATIONAL_KEYS
    from gongkai.reports.formats import all_formats

    if key in NATIONAL_KEYS:
        return NATIONAL_KEYS[key].label
    for fmt in all_formats().values():
        spec: Any = fmt.attested.get(key)
        if spec is not None:
            return str(getattr(spec, "label", None) or spec.get("label", key))
    return "其他填报数字"


@register.filter
def indicator_label(name: str) -> str:
    """``catalog.documents_issued`` → 本年制发件数."""
    from gongkai.reports.indicators import INDICATORS

    found = INDICATORS.get(name)
    return str(found.label) if found is not None else "统计指标"


@register.filter
def format_label(format_id: str) -> str:
    """``guizhou-2019`` → the format's name."""
    from gongkai.reports.formats import FormatError, get_format

    try:
        return get_format(format_id).name
    except FormatError:
        return "未知格式"


SOURCE_KINDS = {
    "ledger": "台账统计",
    "attested": "填报数字（来自其他系统）",
    "import": "导入的已发布年报",
    "imported": "导入的已发布年报",
}


@register.filter
def source_kind_label(kind: str) -> str:
    """Where a figure without an indicator comes from."""
    return SOURCE_KINDS.get(kind or "", "—")


@register.filter
def file_kind_label(kind: str) -> str:
    """What kind of file a report was read from, as a reader calls it."""
    from gongkai.importer.file_kinds import file_kind_label as label

    return label(kind)
