"""``gongkai report formats learn``: a format file drafted from a report's tables.

A province's own statistics table (before 2019 many printed one: other rows, other
groupings, 本年 and 累计 columns, a unit column) is imported exactly once a format
file describes it. Writing that file by hand means copying every label and looking
up every indicator; this drafts it from one report that prints the table:

1. the file is read as ``gongkai import report`` reads it (the same readers, in a
   confined child process with the same time and memory limits), and every grid
   table is read as printed (``read``, through ``parsing.printed``);
2. each table becomes a table of the draft, rows and columns as printed
   (``draft``), each row mapped to the national indicator its label most
   likely means (``match``), with the match and its score as a comment; a
   row under ``match.MIN_SCORE`` is declared an attested figure of the
   format (so the file loads) and marked 待人工映射;
3. the sums the table's structure states (a parent and its numbered children, a
   合计 row or column) become checks where the report's own figures keep them;
4. the draft is written with its comments (``writing``) and loaded by the format
   loader beside the existing files before it is returned: what is written always
   loads.

docs/how-to/learn-a-format.md walks a person through reviewing and adding it.
"""

from __future__ import annotations

from pathlib import Path

from .read import LearnError, read_file

# Parents a draft may extend: the national formats (a variant of a variant would
# inherit two sets of replacements, which nobody could review).
PARENTS = ("legacy", "2019", "2021")

__all__ = ["PARENTS", "LearnError", "learn"]


def learn(path: Path, format_id: str, parent_id: str | None, timeout: float) -> str:
    """The drafted format file for the report at ``path``, as YAML text."""
    from gongkai.reports.formats import (
        FormatError,
        get_format,
        national_format_for_year,
    )

    from .draft import draft

    source = read_file(path, timeout)
    if not source.tables:
        raise LearnError(f"{path.name} 中没有找到带数字的表格，无法起草格式文件。")
    try:
        if parent_id:
            parent = get_format(parent_id)
        elif source.year is not None:
            parent = national_format_for_year(source.year)
        else:
            raise LearnError(
                f"无法从 {path.name} 读出报告年度，请用 --extends 指定上级格式。"
            )
    except FormatError as exc:
        raise LearnError(str(exc)) from None
    return draft(source, format_id, parent)
