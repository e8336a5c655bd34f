"""The names of the laws gongkai cites, spelt one way.

User-facing text (letters, messages, the report's narrative, the circular) names the
Regulation in full, as official documents do; code comments and docstrings may use
the short form. Article-level rules live beside the rule they govern
(``applications.legal_basis`` for the grounds of a reply).
"""

REGULATION = "《中华人民共和国政府信息公开条例》"
REVIEW_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"


def article(text: str) -> str:
    """The Regulation's ``text`` (第三十条、第三十六条第五项 …) with its full name."""
    return f"{REGULATION}{text}"
