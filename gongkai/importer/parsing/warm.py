"""Loading the parser's data before the first document: format files, their
layouts, the heading and fact files (for a process that forks one child per
file, so that each child finds them loaded)."""

from __future__ import annotations

import functools

from gongkai.reports.formats import all_formats

from .facts import facts
from .sections import heading_patterns
from .tables import layout_items


@functools.cache
def warm_up() -> None:
    for fmt in all_formats().values():
        for table in fmt.tables:
            layout_items(table)
    facts()
    heading_patterns()
