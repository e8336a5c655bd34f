"""The disclosure attribute (公开属性) and the articles it may rest on (pure).

《政府信息公开条例》第十三条: "除本条例第十四条、第十五条、第十六条规定的政府信息外，
政府信息应当公开。行政机关公开政府信息，采取主动公开和依申请公开的方式。"

- 主动公开 rests on 第十九条 (public interest), 第二十条 (the list every agency
  publishes), 第二十一条 (the local list) or another law;
- 依申请公开 needs a reason: information that is public but outside 第十九条 is
  given to whoever asks (第二十七条);
- 不予公开 needs its ground: 第十四条 (state secrets, the "三安全一稳定"), 第十五条
  (trade secrets, personal privacy), 第十六条第一款 (internal affairs) or 第二款
  (process information, law-enforcement files), or another law, and a reason.
"""

from __future__ import annotations

from .models import Disclosure, DisclosureBasis

BASES: dict[str, frozenset[str]] = {
    Disclosure.PROACTIVE: frozenset(
        {
            DisclosureBasis.NONE,
            DisclosureBasis.ART19,
            DisclosureBasis.ART20,
            DisclosureBasis.ART21,
            DisclosureBasis.OTHER_LAW,
        }
    ),
    Disclosure.ON_REQUEST: frozenset({DisclosureBasis.NONE, DisclosureBasis.OTHER_LAW}),
    Disclosure.WITHHELD: frozenset(
        {
            DisclosureBasis.ART14,
            DisclosureBasis.ART15,
            DisclosureBasis.ART16_1,
            DisclosureBasis.ART16_2,
            DisclosureBasis.OTHER_LAW,
        }
    ),
}


def attribute_problems(*, disclosure: str, basis: str, reason: str) -> dict[str, str]:
    """What is wrong with an attribute, by field; empty when it can be recorded."""
    if disclosure not in BASES:
        return {"disclosure": f"未知的公开属性：{disclosure}"}
    problems = {}
    label = Disclosure(disclosure).label
    if basis not in BASES[disclosure]:
        allowed = "、".join(
            str(DisclosureBasis(b).label) for b in sorted(BASES[disclosure]) if b
        )
        problems["disclosure_basis"] = f"{label}的依据应为：{allowed}。"
    if disclosure != Disclosure.PROACTIVE and not reason.strip():
        problems["disclosure_reason"] = f"公开属性为{label}的，须说明理由。"
    return problems
