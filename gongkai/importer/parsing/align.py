"""Finding a format's labels in a document: similarity, then the best ordered match.

Each label the format prints (the headers and row labels of ``reports.layout``, in
reading order) is compared with each label token of the document through its
normalised ``Key``:

====================================================  =========
the words are equal                                    1.0
equal once notes in brackets are dropped               0.95
the token ends with the label (a parent label before)  0.85
the token starts with the label (a note after it)      0.8
the label starts with the token (the rest wrapped off) 0.75
otherwise, similar (rapidfuzz ratio ≥ 85)              ≤ 0.9
====================================================  =========

and the numbering moves the score (+0.04 when both print the same number, −0.25
when they print different ones, −0.01 when a near-exact token prints none). A pair
below 0.7 is no match.

Labels repeat (「（二）被依法纠错数」 under both 行政复议 and 行政诉讼; 「信息内容」 in
every block of table 二), so no label is placed on its own: the table's labels are
matched to tokens in one go, keeping their order (the heaviest chain of matches
increasing in both the format's order and the document's, a weighted longest common
subsequence solved over the sparse matches with a Fenwick tree).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .normalize import Key, key
from .tokens import Token, TokenKind

THRESHOLD = 0.7
FUZZY_CUTOFF = 85
MIN_FUZZY = 4  # characters: shorter labels must match exactly
MIN_AFFIX = 4  # characters of a label found at the end of a token
MIN_PREFIX = 6  # characters of a label found at the start of a token, or vice versa
TRUNCATED_SHARE = 0.35  # of a label a wrapped-off token must still print
MIN_TRUNCATED = 8  # characters, at least
EXTRA_MAX = 24  # characters a token may print beyond the label it contains
LABEL_MAX = 80  # characters: a longer token is prose, compared with no label
UNNUMBERED = 0.01  # taken off a near-exact match that prints no numbering …
UNNUMBERED_FROM = 0.95  # … from this score (a tie-break, never a threshold)


Offer = Callable[[list[int], float], None]


@dataclass(frozen=True)
class Match:
    token: int  # index into the token stream
    score: float


class Matcher:
    """The document's label tokens, indexed for comparing format labels with them;
    built once per document and shared by every format tried."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.labels = [t for t in tokens if t.kind is TokenKind.LABEL]
        self.keys = [key(t.text) for t in self.labels]
        self._full: dict[str, list[int]] = defaultdict(list)
        self._short: dict[str, list[int]] = defaultdict(list)
        self._suffix: dict[str, list[int]] = defaultdict(list)
        self._prefix: dict[str, list[int]] = defaultdict(list)
        self._short_labels: list[int] = []  # tokens short enough to be labels
        for i, k in enumerate(self.keys):
            if k.empty:
                continue
            self._full[k.full].append(i)
            self._short[k.short].append(i)
            if len(k.full) > LABEL_MAX:
                continue
            self._short_labels.append(i)
            for n in range(MIN_AFFIX, len(k.full)):
                self._suffix[k.full[-n:]].append(i)
            for n in range(MIN_PREFIX, len(k.full)):
                self._prefix[k.full[:n]].append(i)
        self._fulls = [self.keys[i].full for i in self._short_labels]
        self._cache: dict[str, tuple[Match, ...]] = {}

    def matches(self, label: str) -> tuple[Match, ...]:
        """The tokens ``label`` matches, each with its score, in document order."""
        if label not in self._cache:
            self._cache[label] = self._matches(label)
        return self._cache[label]

    def _matches(self, label: str) -> tuple[Match, ...]:
        anchor = key(label)
        if anchor.empty:
            return ()
        scores: dict[int, float] = {}

        def offer(indexes: list[int], score: float) -> None:
            for i in indexes:
                if score > scores.get(i, 0.0):
                    scores[i] = score

        offer(self._full.get(anchor.full, []), 1.0)
        if len(anchor.short) >= 2:
            offer(self._short.get(anchor.short, []), 0.95)
        self._offer_affixes(anchor, offer)
        if len(anchor.full) >= MIN_FUZZY:
            for _, ratio, at in process.extract(
                anchor.full,
                self._fulls,
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
                limit=None,
            ):
                offer([self._short_labels[at]], 0.9 * ratio / 100)
        found = []
        for i, score in sorted(scores.items()):
            score = _numbered(score, anchor, self.keys[i])
            if score >= THRESHOLD:
                found.append(Match(self.labels[i].index, min(score, 1.0)))
        return tuple(found)

    def _offer_affixes(self, anchor: Key, offer: Offer) -> None:
        near = [
            i
            for i in self._suffix.get(anchor.full, [])
            if len(self.keys[i].full) <= len(anchor.full) + EXTRA_MAX
        ]
        offer(near, 0.85)
        if len(anchor.full) >= MIN_PREFIX:
            near = [
                i
                for i in self._prefix.get(anchor.full, [])
                if len(self.keys[i].full) <= len(anchor.full) + EXTRA_MAX
            ]
            offer(near, 0.8)
        shortest = max(MIN_TRUNCATED, int(len(anchor.short) * TRUNCATED_SHARE))
        for n in range(shortest, len(anchor.short)):
            offer(self._short.get(anchor.short[:n], []), 0.75)


def _numbered(score: float, anchor: Key, token: Key) -> float:
    if anchor.number is not None and token.number is None and score >= UNNUMBERED_FROM:
        # The same words without the numbering (a table's repeated column header
        # 「总计」 beside the row （七）总计) rank after the numbered label, all else
        # equal: never over the row's own label, whose figures follow it.
        return score - UNNUMBERED
    if anchor.number is None or token.number is None:
        return score
    return score + 0.04 if anchor.number == token.number else score - 0.25


def align(candidates: Sequence[Sequence[Match]], n_tokens: int) -> dict[int, Match]:
    """The heaviest order-keeping choice: for anchors 0..m-1 with their candidate
    matches, at most one match each, strictly increasing in token index; returns
    anchor → match for the anchors placed."""
    pairs = sorted(
        ((a, m) for a, matches in enumerate(candidates) for m in matches),
        key=lambda pair: (pair[0], -pair[1].token),
    )
    tree = _MaxTree(n_tokens + 1)
    best: list[float] = []
    previous: list[int] = []
    for _, match in pairs:
        before_score, before = tree.query(match.token)  # tokens < match.token
        best.append(before_score + match.score)
        previous.append(before)
        tree.update(match.token + 1, best[-1], len(best) - 1)
    if not best:
        return {}
    chosen: dict[int, Match] = {}
    at = max(range(len(best)), key=lambda i: best[i])
    while at >= 0:
        anchor, match = pairs[at]
        chosen[anchor] = match
        at = previous[at]
    return chosen


class _MaxTree:
    """A Fenwick tree of prefix maxima: the best chain ending before a token."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.score = [0.0] * (size + 1)
        self.at = [-1] * (size + 1)

    def update(self, position: int, score: float, at: int) -> None:
        while position <= self.size:
            if score > self.score[position]:
                self.score[position], self.at[position] = score, at
            position += position & -position

    def query(self, position: int) -> tuple[float, int]:
        """The best (score, pair) among positions 1..position."""
        score, at = 0.0, -1
        while position > 0:
            if self.score[position] > score:
                score, at = self.score[position], self.at[position]
            position -= position & -position
        return score, at
