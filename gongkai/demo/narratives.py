"""The demo's narrative sections, written as an office would before publishing.

gongkai's draft of each section (``reports.narrative.draft``) states the figures
itself and leaves a 【…】 where only the office can write; the demo fills those
with a plausible paragraph. An agency's report and a government's report of its
region have sections of their own (``region``), each filled with words that fit.
"""

from __future__ import annotations

import re

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency

FILLS = {
    "overview": "本机关由办公室承担政府信息公开日常工作，落实信息发布审核制度，"
    "依托政府门户网站集中发布政府信息，并接受社会监督。",
    "problems": "主要问题是部分栏目更新不够及时。下一步将加强业务培训，"
    "规范信息发布流程。",
    "other": "信息处理费的收取情况见上表。无其他需要报告的事项。",
}
REGION_FILLS = {
    "overview": "本级人民政府办公室统筹本地区政府信息公开工作，所属各单位落实信息"
    "发布审核制度，依托政府门户网站集中发布政府信息。",
    "problems": "主要问题是部分单位年度报告编制不及时、个别单位未使用统一平台。"
    "下一步将加强对所属单位的指导和督查，推动各单位按时编制、公布年度报告。",
    "other": "本报告汇总本级人民政府及所属单位的年度报告；未使用本系统的单位按其"
    "公开发布的年度报告计入。",
}


def narratives_write(
    agency: Agency, year: int, user: User | None, *, region: bool = False
) -> None:
    """The sections where gongkai's draft, in any format of the year, leaves a
    【…】: the draft's opening and those paragraphs, filled in (the region's
    report's with ``region``). The figures are left to the draft."""
    from gongkai.reports.builder import build_report
    from gongkai.reports.formats import all_formats
    from gongkai.reports.narrative import draft
    from gongkai.reports.services import narrative_save

    fills = REGION_FILLS if region else FILLS
    written: set[str] = set()
    for fmt in all_formats().values():
        if not fmt.first_year <= year <= (fmt.last_year or year):
            continue
        report = build_report(agency=agency, year=year, fmt=fmt, region=region)
        for key, text in draft(report, fmt).items():
            filled = _filled(key, year, text, fills)
            if filled and key not in written:
                narrative_save(
                    acting_user=user,
                    agency=agency,
                    year=year,
                    key=key,
                    text=filled,
                    region=region,
                )
                written.add(key)


def _filled(key: str, year: int, text: str, fills: dict[str, str]) -> str:
    """The opening and the 【…】 paragraphs of a draft section, filled; empty when
    the draft leaves nothing to fill."""
    from gongkai.reports.narrative import OPENINGS

    opening = OPENINGS.get(key, "").format(year=year)
    kept = [p for p in text.split("\n") if "【" in p or (opening and p == opening)]
    if not any("【" in p for p in kept):
        return ""
    return re.sub(r"【[^】]*】", fills.get(key, "无。"), "\n".join(kept))
