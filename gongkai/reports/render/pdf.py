"""The report as PDF: WeasyPrint prints the HTML page, embedding the CJK fonts.

The fonts come from the system through fontconfig (Debian's fonts-noto-cjk; the
family names are settings.GONGKAI_PDF_FONTS). WeasyPrint embeds the subset of
glyphs used, so the PDF reads the same on a machine without those fonts.
"""

from __future__ import annotations

from weasyprint import HTML

from ..data import ReportData
from ..formats import Format
from .html import render_html


def render_pdf(report: ReportData, fmt: Format) -> bytes:
    html = render_html(report, fmt).decode("utf-8")
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
