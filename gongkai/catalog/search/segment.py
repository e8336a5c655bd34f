"""Chinese words for the index and for queries, cut by jieba (pure).

Chinese is written without spaces, so neither SQLite FTS5 nor PostgreSQL can find
words in it on their own. Text is cut into words by jieba before it is indexed
("search" mode: a long word also yields the words inside it, so 安全生产 is found by
安全生产 and by 安全) and queries are cut the same way ("precise" mode, one reading
of the query). The HMM guesser of new words is off on both sides, so that the same
text is cut the same way wherever it appears.

A few function words (的, 和, 关于...) are left out of the index and of queries: they
are in nearly every item, so they would only make queries slow.

jieba's general dictionary cuts many words of government affairs apart (安全生产 →
安全 + 生产); ``words.txt`` adds them, and ``GONGKAI_SEARCH_DICTIONARY`` may name a
file of an agency's own words (its places, its bodies), one a line. After changing
either, rebuild the index: text already indexed was cut the old way.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

from django.conf import settings

STOP_WORDS = frozenset("的了和与及或等对在是为于以之其将把被由从向也都就而并") | {
    "关于",
    "有关",
    "及其",
    "以及",
}

_jieba: ModuleType | None = None
_loading = threading.Lock()


def warm() -> ModuleType:
    """jieba, its dictionary loaded (once per process, about a second), quietly:
    its source has escape sequences Python 3.11 warns about. The web server calls
    it as it starts (``gongkai.portal.warmup``), so that no visitor's search waits
    for it; threads arriving together load it once."""
    global _jieba
    if _jieba is None:
        with _loading:
            if _jieba is None:
                _jieba = _load()
    return _jieba


def _load() -> ModuleType:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for word in dictionary_words():
        jieba.add_word(word)
    return jieba


def dictionary_words() -> Iterator[str]:
    """gongkai's words of government affairs, then the deployment's own."""
    files = [Path(__file__).with_name("words.txt")]
    if settings.GONGKAI_SEARCH_DICTIONARY:
        files.append(Path(settings.GONGKAI_SEARCH_DICTIONARY))
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("#"):
                yield from line.split()


def _words(tokens: Iterable[str]) -> list[str]:
    """Tokens as the index keeps them. Punctuation may stay: both databases'
    tokenizers drop it again."""
    return [w for t in tokens if (w := t.strip().lower()) and w not in STOP_WORDS]


def index_text(text: str) -> str:
    """``text`` as space-separated words, ready for the full-text index."""
    if not text:
        return ""
    return " ".join(_words(warm().cut_for_search(text, HMM=False)))


def query_terms(text: str) -> list[str]:
    """The distinct words of a query, in order. A query of function words only
    keeps them (searching for 关于 finds what has 关于)."""
    tokens = [t.strip().lower() for t in warm().cut(text.strip(), HMM=False)]
    words = [t for t in tokens if t and any(c.isalnum() for c in t)]
    return list(dict.fromkeys([w for w in words if w not in STOP_WORDS] or words))
