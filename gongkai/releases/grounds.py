"""Why a file, or a part of one, is not released: the grounds of the Regulation, with
the article each rests on (no Django).

A file is withheld, or a passage is removed from it, on the grounds the Regulation
gives for withholding (第十四条 to 第十六条); a partial release itself rests on
第三十七条 (“能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，
并对不予公开的内容说明理由”). The labels follow the rows of the 2021 format
(``applications.models.Outcome``) and the refinement of 第十五条 into 商业秘密 and
个人隐私; the articles come from ``applications.legal_basis``, the one place they
are written.
"""

from __future__ import annotations

from gongkai.applications.legal_basis import BASIS, GROUND_BASIS
from gongkai.core.law import REGULATION

# key → (label, the outcome or refinement whose article it takes)
_GROUNDS: dict[str, tuple[str, str]] = {
    "state_secret": ("属于国家秘密", "withheld_state_secret"),
    "prohibited": ("其他法律行政法规禁止公开", "withheld_prohibited"),
    "security": ("危及“三安全一稳定”", "withheld_security"),
    "trade_secret": ("商业秘密", "trade_secret"),
    "privacy": ("个人隐私", "privacy"),
    "internal": ("属于三类内部事务信息", "withheld_internal"),
    "process": ("属于四类过程性信息", "withheld_process"),
    "enforcement": ("属于行政执法案卷", "withheld_enforcement"),
}

PARTIAL_RELEASE_BASIS = f"{REGULATION}第三十七条"


def basis(ground: str) -> str:
    """The article a ground rests on (《中华人民共和国政府信息公开条例》第十五条 …)."""
    _label, key = _GROUNDS[ground]
    return GROUND_BASIS.get(key) or BASIS[key]


def article_of(ground: str) -> str:
    """The article alone, without the Regulation's name (第十五条)."""
    return basis(ground).removeprefix(REGULATION)


def label(ground: str) -> str:
    """How a ground reads to a person: 个人隐私（第十五条）."""
    return f"{_GROUNDS[ground][0]}（{article_of(ground)}）" if ground else ""


GROUND_CHOICES: list[tuple[str, str]] = [(key, label(key)) for key in _GROUNDS]
GROUND_KEYS = frozenset(_GROUNDS)
