"""The legal basis each outcome is usually given, for replies that name none.

From the reading of the Regulation in docs (law-and-formats §1.3). Two mappings
follow guidance of the State Council's disclosure office that could not be read in
full and are marked so: 属于行政查询事项 (第三十六条第七项) and 要求行政机关确认或
重新出具已获取信息. The handler can always write a more precise basis. No Django.
"""

from __future__ import annotations

from gongkai.core.law import REGULATION as R

# A withdrawal (其他处理 3) rests on the applicant's own act, not an article.
WITHDRAWN = "申请人撤回申请"

BASIS: dict[str, str] = {
    "disclosed": f"{R}第三十六条第二项",
    "partially_disclosed": f"{R}第三十七条",
    "withheld_state_secret": f"{R}第十四条",
    "withheld_prohibited": f"{R}第十四条",
    "withheld_security": f"{R}第十四条",
    "withheld_third_party": f"{R}第十五条、第三十二条",
    "withheld_internal": f"{R}第十六条第一款",
    "withheld_process": f"{R}第十六条第二款",
    "withheld_enforcement": f"{R}第十六条第二款",
    "withheld_query": f"{R}第三十六条第七项",  # guidance, unverified
    "unable_not_held": f"{R}第三十六条第四项",
    "unable_needs_creation": f"{R}第三十八条",
    "unable_unclear": f"{R}第三十条",
    "refused_petition": f"{R}第三十九条第一款",
    "refused_repeat": f"{R}第三十六条第六项",
    "refused_publication": f"{R}第三十九条第二款",
    "refused_excessive": f"{R}第三十五条",
    "refused_confirmation": f"{R}第三十九条",  # guidance, unverified
    "other_no_correction": f"{R}第三十条",
    "other_unpaid": f"{R}第四十二条、国办函〔2020〕109号",
    "other": "",
}

GROUND_BASIS: dict[str, str] = {
    "already_public": f"{R}第三十六条第一项",
    "trade_secret": f"{R}第十五条",
    "privacy": f"{R}第十五条",
    "not_this_agency": f"{R}第三十六条第五项",
}


def default_legal_basis(outcome: str, ground: str = "") -> str:
    """The article an outcome (refined by ``ground``) usually rests on."""
    return GROUND_BASIS.get(ground) or BASIS.get(outcome, "")
