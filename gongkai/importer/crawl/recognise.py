"""Which links of a government site are annual reports, of which agency and year.

A report's title is its own best description: 「兴义市应急管理局2023年政府信息公开
工作年度报告」, 「2019年度政府信息公开年报」, 「关于2022年政府信息公开工作年度报告的
说明」 is not one (nor a 通知 asking for reports). The year is the reported year,
the one before 年 in the title; the agency is what the title prints before it, when
it prints one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

REPORT_WORDS = re.compile(
    r"政府信息公开(?:工作)?(?:年度)?(?:报告|年报)|信息公开(?:工作)?年度报告|公开年报"
)
YEAR = re.compile(r"(20[0-4]\d|19[89]\d)\s*年")
NOT_A_REPORT = re.compile(r"通知|说明|解读|关于(?:报送|编制|做好|开展)|要点|意见|方案")
FILE_SUFFIXES = (
    ".pdf", ".doc", ".docx", ".wps", ".rtf", ".xls", ".xlsx", ".et", ".mht", ".mhtml",
    ".txt",
)  # fmt: skip
NEXT_PAGE = re.compile(r"^\s*(?:下一页|下页|后一页|>|›|»)\s*$")


@dataclass(frozen=True)
class Recognised:
    year: int | None
    agency: str  # "" when the title names none


def recognise(title: str) -> Recognised | None:
    """The report a link or page title names, or None for anything else."""
    text = " ".join(title.split())
    if not REPORT_WORDS.search(text) or NOT_A_REPORT.search(text):
        return None
    year = YEAR.search(text)
    agency = text[: year.start()].strip(" 《") if year else ""
    return Recognised(int(year.group(1)) if year else None, agency)


def is_file(url: str) -> bool:
    return urlparse(url).path.lower().endswith(FILE_SUFFIXES)


def is_next_page(text: str) -> bool:
    return bool(NEXT_PAGE.match(text))
