"""The narrative: a report's text cut into its sections, each with its key.

A section starts at a top-level heading: a paragraph numbered "一、" (or "、"
where scraping lost the numeral) that reads as a heading (short, not a sentence),
or an unnumbered paragraph that is one of the format's section headings. A
sub-heading ("（二）依申请公开政府信息……") starts a section of its own only when it
names a different part of the report that has no section yet (seed 004 reports on
applications, cases and fees under 二). Headings are given the format's narrative
keys through ``data/headings.yaml``, so that the narrative check can compare the
figures each section states with the tables.

Paragraphs read as table cells are left out, and so are the title and the page's
furniture before the first heading (发布时间, 浏览次数, 字体 …).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gongkai.importer.readers.document import Document, Paragraph
from gongkai.reports.data import Section
from gongkai.reports.formats import Format

from .normalize import key, numbering, squeeze, width

HEADINGS_FILE = Path(__file__).parent / "data" / "headings.yaml"
HEADING_MAX = 50  # characters: a longer paragraph is text, not a heading
_TOP = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[、])\s*\S")
_SUB = re.compile(r"^\s*[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*\S")
_FURNITURE = re.compile(
    r"发布(?:时间|日期|者|机构)|浏览(?:次数)?|字体|来源[:：]|打印|关闭|扫一扫|"
    r"分享到|索引号|访问量|点击(?:数|量)|【\s*[大中小]"
)


@functools.cache
def heading_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = yaml.safe_load(HEADINGS_FILE.read_text(encoding="utf-8"))
    return {k: tuple(re.compile(p) for p in patterns) for k, patterns in data.items()}


def section_key(heading: str, fmt: Format) -> str | None:
    """The narrative key of ``heading`` among those ``fmt`` has."""
    _, words = numbering(width(heading))
    words = squeeze(words)
    keys = {s.narrative for s in fmt.sections if s.narrative}
    for narrative, patterns in heading_patterns().items():
        if narrative in keys and any(p.search(words) for p in patterns):
            return narrative
    return None


@dataclass
class _Open:
    heading: str
    key: str | None
    lines: list[str] = field(default_factory=list)


def narrative_sections(
    document: Document, fmt: Format, skip: set[int], title: str | None
) -> list[Section]:
    """The sections of ``document`` outside the blocks in ``skip`` (table cells)."""
    format_headings = {key(s.heading).full for s in fmt.sections}
    sections: list[_Open] = []
    current = _Open("", None)
    used: set[str] = set()
    for number, block in enumerate(document.blocks):
        if number in skip or not isinstance(block, Paragraph) or not block.text:
            continue
        text = block.text.strip()
        if not sections and not current.lines and _is_front(text, title):
            continue
        heading, rest = _split_heading(text)
        is_top = bool(_TOP.match(text)) or key(heading).full in format_headings
        narrative = section_key(heading, fmt) if heading else None
        starts = heading and (
            is_top
            or (
                (_SUB.match(text) and narrative and narrative not in used)
                and narrative != current.key
            )
        )
        if starts:
            sections.append(current)
            current = _Open(heading, narrative if narrative not in used else None)
            if current.key:
                used.add(current.key)
            if rest:
                current.lines.append(rest)
            continue
        current.lines.append(text)
    sections.append(current)
    return [
        Section(s.heading, "\n".join(s.lines), s.key)
        for s in sections
        if s.heading or s.lines
    ]


def _split_heading(text: str) -> tuple[str, str]:
    """A heading and the text run on after it, or ("", text) for plain text."""
    if not (_TOP.match(text) or _SUB.match(text)):
        return (
            (text, "") if len(text) <= HEADING_MAX and "。" not in text else ("", text)
        )
    head, dot, rest = text.partition("。")
    if len(head) > HEADING_MAX:
        return "", text
    if not dot:
        return head, ""
    return head, rest.strip()


def _is_front(text: str, title: str | None) -> bool:
    """The title and the page's furniture above the first heading."""
    if title and (text in title or title in text):
        return True
    return len(text) <= 120 and bool(_FURNITURE.search(text))
