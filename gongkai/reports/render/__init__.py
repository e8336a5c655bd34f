"""Renderers: one ReportData, one Format, many printed forms.

A renderer never queries the database: it gets the report (computed or imported)
and its format, lays the tables out with ``reports.layout`` and prints values with
``render.values.format_value``, so every form shows the same merges and figures.
"""

from __future__ import annotations

from collections.abc import Callable

from ..data import ReportData
from ..formats import Format

Renderer = Callable[[ReportData, Format], bytes]

FORMATS = ("html", "docx", "pdf", "xlsx", "json", "text")


def render(report: ReportData, fmt: Format, to: str) -> bytes:
    """The report rendered as ``to`` (one of ``FORMATS``)."""
    return _renderer(to)(report, fmt)


def _renderer(to: str) -> Renderer:
    # Imported on demand: WeasyPrint and python-docx are slow to import, and a
    # JSON export should not pay for them.
    if to == "html":
        from .html import render_html

        return render_html
    if to == "docx":
        from .docx import render_docx

        return render_docx
    if to == "pdf":
        from .pdf import render_pdf

        return render_pdf
    if to == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx
    if to == "json":
        from .json import render_json

        return render_json
    if to == "text":
        from .text import render_text

        return render_text
    raise ValueError(f"不支持的输出格式 {to!r}（可用：{'、'.join(FORMATS)}）")
