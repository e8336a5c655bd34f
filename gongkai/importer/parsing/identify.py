"""Whose report, on which year, published when: read from the report itself.

- **Agency and year** from the title, "兴义市应急管理局2019年度政府信息公开工作
  年度报告" (a title wrapped over two lines is joined), else from a statistics
  table's title ("临沂市民政局2017年度政府信息公开工作情况统计表"), else from the
  page title or the file name; the year also from the statistics period
  ("统计期限自2017年1月1日起").
- **Publication date** from the page's "发布时间：2020-01-20", else from the date
  under the signature at the end ("2018年1月21日").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from gongkai.importer.readers.document import Document

from .normalize import width

TITLE_MAX = 80  # characters of a paragraph that can be a title
HEAD_PARAGRAPHS = 30  # the paragraphs looked at for the title (menus come first)
TAIL_PARAGRAPHS = 25  # the paragraphs looked at for the signature date

_AGENCY = r"(?P<agency>[\u4e00-\u9fff（）()·]{2,40}?)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TITLE = re.compile(
    _AGENCY
    + r"\s*"
    + _YEAR
    + r"\s*年\s*度?\s*(?:的)?\s*(?:政府|政务)?\s*信息\s*公开\s*"
    r"(?:工作)?\s*(?:年度|年)?\s*(?:报告|年报)"
)
_YEAR_FIRST = re.compile(
    _YEAR
    + r"\s*年\s*度?\s*"
    + _AGENCY
    + r"\s*(?:政府|政务)\s*信息\s*公开\s*(?:工作)?\s*"
    r"(?:年度)?\s*(?:报告|年报)"
)
_ISSUER = re.compile(
    r"(?:发布机构|发文机关|发布单位|信息来源|来源)\s*[:：]\s*" + _AGENCY + r"(?:\s|$)"
)
_TABLE_TITLE = re.compile(
    _AGENCY
    + r"\s*"
    + _YEAR
    + r"\s*年\s*度?\s*(?:政府)?信息公开(?:工作)?(?:情况)?统计表"
)
_YEAR_ONLY = re.compile(
    _YEAR + r"\s*年\s*度?\s*(?:政府|政务)?\s*信息\s*公开\s*(?:工作)?\s*(?:年度)?\s*报告"
)
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间)[^0-9]{0,8}" + _YEAR + r"\s*年?\s*1\s*月\s*1\s*日"
)
_LEADING_JUNK = re.compile(r"^(?:(?:关于|印发|公布|发布|转发|附件|附)[:：\s]*)+")
_PUBLISHED = re.compile(
    r"(?:发布|公开|成文)(?:时间|日期)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_SIGNATURE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


@dataclass(frozen=True)
class Identity:
    agency: str | None
    year: int | None
    title: str | None  # the printed title the agency and year came from
    published_on: date | None
    published_how: str | None  # "page" (发布时间) or "signature"


def identify(document: Document) -> Identity:
    texts = [
        _arabic_years(width(p.text)) for p in document.paragraphs() if p.text.strip()
    ]
    agency, year, title = _from_titles(_title_candidates(document, texts))
    if agency is None or year is None:
        table_agency, table_year = _from_table_titles(texts)
        agency, year = agency or table_agency, year or table_year
    if agency is None:
        agency = _issuer(texts)
    if year is None:
        year = _year_from_text(texts)
    published, how = _published(texts)
    return Identity(agency, year, title, published, how)


def _title_candidates(document: Document, texts: list[str]) -> Iterable[str]:
    head = [t for t in texts[:HEAD_PARAGRAPHS] if len(t) <= TITLE_MAX]
    yield from head
    yield from (a + b for a, b in itertools.pairwise(head))
    # A page's text with its whitespace taken out is one paragraph that opens
    # with the title (「白山市人防办2017年政府信息公开工作年度报告本年度报告根据…」).
    if texts and len(texts[0]) > TITLE_MAX:
        yield texts[0][:TITLE_MAX]
    if title := document.metadata.get("title"):
        yield _arabic_years(width(title))
    yield PurePath(document.name).stem


_CHINESE_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=\s*年)")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _arabic_years(text: str) -> str:
    """ "二〇二一年" as "2021年", as some titles print the year."""
    return _CHINESE_YEAR.sub(lambda m: m.group(1).translate(_CHINESE_DIGITS), text)


def _from_titles(
    candidates: Iterable[str],
) -> tuple[str | None, int | None, str | None]:
    year_seen: int | None = None
    for text in candidates:
        found = _TITLE.search(text) or _YEAR_FIRST.search(text)
        if found:
            return _clean_agency(found.group("agency")), int(found.group("year")), text
        only = _YEAR_ONLY.search(text)
        if only and year_seen is None:
            year_seen = int(only.group("year"))
    return None, year_seen, None


def _from_table_titles(texts: list[str]) -> tuple[str | None, int | None]:
    for text in texts:
        found = _TABLE_TITLE.search(text)
        if found and len(text) <= TITLE_MAX:
            return _clean_agency(found.group("agency")), int(found.group("year"))
    return None, None


def _issuer(texts: list[str]) -> str | None:
    """The agency a page names as the publisher ("发布机构：青溪县教育局")."""
    for text in texts[:HEAD_PARAGRAPHS]:
        found = _ISSUER.search(text)
        if found:
            return _clean_agency(found.group("agency"))
    return None


def _year_from_text(texts: list[str]) -> int | None:
    for text in texts:
        found = _PERIOD.search(text)
        if found:
            return int(found.group("year"))
    return None


def _clean_agency(name: str) -> str | None:
    name = _LEADING_JUNK.sub("", name.strip())
    return name if len(name) >= 2 else None


def _published(texts: list[str]) -> tuple[date | None, str | None]:
    for text in texts[:HEAD_PARAGRAPHS]:
        found = _PUBLISHED.search(text)
        if found and (day := _date(*found.groups())):
            return day, "page"
    for text in reversed(texts[-TAIL_PARAGRAPHS:]):
        found = _SIGNATURE_DATE.match(text)
        if found and (day := _date(*found.groups())):
            return day, "signature"
    return None, None


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
