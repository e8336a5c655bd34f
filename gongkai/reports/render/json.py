"""The report in the open schema ``gongkai.annual-report/1``.

The schema is documented in docs/reference/json-schema.md and published as
docs/reference/gongkai.annual-report-1.schema.json.
"""

from __future__ import annotations

from ..data import ReportData
from ..formats import Format


def render_json(report: ReportData, fmt: Format) -> bytes:
    """The format is named inside the JSON (``format``); the layout plays no part."""
    return report.to_json().encode("utf-8")
