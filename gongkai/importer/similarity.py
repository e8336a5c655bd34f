"""How alike two reports' wording is: copied reports are a known defect.

The 2021 format notice names "内容雷同" among the faults an office answers for.
Two reports are compared on their narrative with the figures and punctuation
taken out (a report copied from last year with this year's numbers typed in is
still a copy): ``similarity`` is rapidfuzz's normalised similarity of the two
texts, from 0 (nothing shared) to 1 (the same text).

Comparing one report with every other of a year would be slow, so each report
keeps a small ``sketch`` of its wording (the smallest hashes of its 5-character
shingles, a bottom-k MinHash); ``estimate`` compares two sketches in microseconds,
and only the reports it ranks close are compared in full.

Pure Python: no Django.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

from rapidfuzz import fuzz

SHINGLE = 5
SKETCH_SIZE = 128
MAX_CHARS = 20_000  # of a narrative compared in full
_NOT_WORDS = re.compile(r"[\W\d_]+", re.UNICODE)


def wording(text: str) -> str:
    """The narrative's words: no figures, punctuation or whitespace."""
    return _NOT_WORDS.sub("", unicodedata.normalize("NFKC", text))[:MAX_CHARS]


def sketch(text: str) -> list[int]:
    """The bottom-k sketch of ``text``'s wording (sorted hashes)."""
    words = wording(text)
    shingles = {words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = {zlib.crc32(s.encode("utf-8")) for s in shingles if s}
    return sorted(hashes)[:SKETCH_SIZE]


def estimate(a: list[int], b: list[int]) -> float:
    """The Jaccard similarity of two texts' shingles, estimated from sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    shared = set(a) & set(b)
    return sum(1 for h in union if h in shared) / len(union)


def similarity(a: str, b: str) -> float:
    """How alike the two narratives are, 0 to 1."""
    left, right = wording(a), wording(b)
    if not left or not right:
        return 0.0
    return fuzz.ratio(left, right) / 100
