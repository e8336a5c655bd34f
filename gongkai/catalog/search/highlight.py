"""Highlighted titles and snippets for search results (pure).

Done in Python over the page of results rather than by the database, so that both
backends show the same thing and the cost is that of twenty items, whatever the
number of matches. Output is HTML: the text escaped, each match in ``<mark>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

SNIPPET_CHARS = 120
LEAD_CHARS = 20  # text kept before the first match, for context


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    # A page of hits asks for the same terms' pattern three times per hit.
    return _compiled(tuple(terms))


@lru_cache(maxsize=256)
def _compiled(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def mark(text: str, terms: Sequence[str]) -> str:
    """``text`` escaped, with every occurrence of a term in ``<mark>``; terms
    that touch are marked as one (最低 生活 保障 → <mark>最低生活保障</mark>)."""
    pattern = _pattern(terms)
    if pattern is None:
        return html.escape(text)
    spans: list[list[int]] = []
    for match in pattern.finditer(text):
        if spans and spans[-1][1] == match.start():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    parts, last = [], 0
    for start, end in spans:
        parts += [html.escape(text[last:start]), _marked(text[start:end])]
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def _marked(word: str) -> str:
    return f"<mark>{html.escape(word)}</mark>"


def snippet(texts: Iterable[str], terms: Sequence[str]) -> str:
    """The passage of the first text that mentions the most terms, about
    ``SNIPPET_CHARS`` long, highlighted; the start of the first text when none
    does."""
    return mark(_passage(texts, terms)[0], terms)


def shows_every_term(texts: Iterable[str], terms: Sequence[str]) -> bool:
    """Whether a passage of ``texts`` mentions every term: ``snippet`` then stops
    there, and texts that would follow these cannot change it (a hit's
    attachments are read only when its own text falls short)."""
    return _passage(texts, terms)[1] == len(set(terms))


def _passage(texts: Iterable[str], terms: Sequence[str]) -> tuple[str, int]:
    """The snippet's passage, unmarked, and how many terms it mentions."""
    pattern = _pattern(terms)
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not texts:
        return "", 0
    best, best_score = texts[0][:SNIPPET_CHARS], 0
    if pattern is None:
        return best, 0
    for text in texts:
        for match in pattern.finditer(text):
            start = max(0, match.start() - LEAD_CHARS)
            window = text[start : start + SNIPPET_CHARS]
            score = len({m.lower() for m in pattern.findall(window)})
            if score > best_score:
                best, best_score = _ellipsis(text, start, window), score
            if best_score == len(set(terms)):
                return best, best_score
    return best, best_score


def _ellipsis(text: str, start: int, window: str) -> str:
    before = "…" if start > 0 else ""
    after = "…" if start + len(window) < len(text) else ""
    return f"{before}{window}{after}"
