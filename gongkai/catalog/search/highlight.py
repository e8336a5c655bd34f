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
from itertools import islice
from typing import NamedTuple

SNIPPET_CHARS = 120
LEAD_CHARS = 20  # text kept before the first match, for context
MATCHES_WEIGHED = 64  # places in one text weighed as a passage's start


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """Any one of the terms, the longest first (for weighing passages)."""
    return _compiled(tuple(terms))


@lru_cache(maxsize=256)
def _compiled(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


@lru_cache(maxsize=256)
def _runs(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Terms one after another, as one match (for marking them)."""
    one = _compiled(terms)
    return None if one is None else re.compile(f"(?:{one.pattern})+", re.IGNORECASE)


@lru_cache(maxsize=256)
def _plain(terms: tuple[str, ...]) -> str | None:
    """The query's one word when it can be looked for as it is, without a
    regular expression (which reads Chinese ten times slower than ``str.find``):
    no character with a case, so that ignoring case changes nothing, and none
    from ASCII, so that in escaped text it can match no part of an entity."""
    words = set(terms)
    if len(words) != 1:
        return None
    (word,) = words
    if not word or any(c.isascii() for c in word) or word.lower() != word.upper():
        return None
    return word


def mark(text: str, terms: Sequence[str]) -> str:
    """``text`` escaped, with every occurrence of a term in ``<mark>``; terms
    that touch are marked as one (最低 生活 保障 → <mark>最低生活保障</mark>)."""
    word = _plain(tuple(terms))
    if word is not None:  # one Chinese word, the most common search
        marked = html.escape(text).replace(word, f"<mark>{word}</mark>")
        return marked.replace("</mark><mark>", "")
    runs = _runs(tuple(terms))
    if runs is None:
        return html.escape(text)
    parts, last = [], 0
    for match in runs.finditer(text):
        parts += [html.escape(text[last : match.start()]), _marked(match[0])]
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def _marked(word: str) -> str:
    return f"<mark>{html.escape(word)}</mark>"


class Passage(NamedTuple):
    """The passage a snippet shows, unmarked; and whether it mentions every term
    (then texts that would follow these cannot change it: a hit's attachments
    are read only when its own text falls short)."""

    text: str
    every: bool


def snippet(texts: Iterable[str], terms: Sequence[str]) -> str:
    """The passage of the first text that mentions the most terms, about
    ``SNIPPET_CHARS`` long, highlighted; the start of the first text when none
    does."""
    return mark(passage(texts, terms).text, terms)


def passage(texts: Iterable[str], terms: Sequence[str]) -> Passage:
    """What ``snippet`` shows, before it is marked."""
    text, score = _passage(texts, terms)
    return Passage(text, score == len(set(terms)))


def _passage(texts: Iterable[str], terms: Sequence[str]) -> tuple[str, int]:
    """The snippet's passage, unmarked, and how many terms it mentions.

    Its cost is that of the passage, not of the text: a body runs to tens of
    thousands of characters, and a page shows twenty. Whitespace is squeezed in
    the passage alone, and only the first ``MATCHES_WEIGHED`` places a text
    mentions a term are weighed as a passage's start (a word on every line of a
    long body would otherwise make each of its lines a candidate)."""
    pattern = _pattern(terms)
    texts = [t for t in texts if t and not t.isspace()]
    if not texts:
        return "", 0
    if pattern is None:
        return _window(texts[0], 0), 0
    word = _plain(tuple(terms))
    if word is not None:  # its first mention is the best passage
        for text in texts:
            if (found := text.find(word)) >= 0:
                return _window(text, max(0, found - LEAD_CHARS)), 1
        return _window(texts[0], 0), 0
    wanted = len(set(terms))
    best, best_score = "", 0
    for text in texts:
        for match in islice(pattern.finditer(text), MATCHES_WEIGHED):
            start = max(0, match.start() - LEAD_CHARS)
            window = text[start : start + SNIPPET_CHARS]
            score = len({m.lower() for m in pattern.findall(window)})
            if score > best_score:
                best, best_score = _window(text, start), score
            if best_score == wanted:
                return best, best_score
    # Where no text mentions a term, the start of the first.
    return (best, best_score) if best_score else (_window(texts[0], 0), 0)


def _window(text: str, start: int) -> str:
    """About ``SNIPPET_CHARS`` of ``text`` from ``start``, its whitespace squeezed,
    with "…" where the text goes on."""
    raw = text[start : start + 2 * SNIPPET_CHARS]
    squeezed = " ".join(raw.split())
    shown = squeezed[:SNIPPET_CHARS]
    before = "…" if start > 0 and text[:start].strip() else ""
    more = len(squeezed) > SNIPPET_CHARS or start + len(raw) < len(text)
    return f"{before}{shown}{'…' if more else ''}"
