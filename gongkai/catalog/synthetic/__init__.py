"""Synthetic catalogue records: items, the channels that carried them,
interpretations and archive transfers; and the search benchmark's corpus.

The catalogue's generator (each ledger app has its ``synthetic`` module; the
conventions are in ``gongkai.agencies.synthetic``):

- ``random_catalogue``: every combination the models allow (drafts, withdrawn
  items, documents repealed, reposts in the next year), written in bulk;
- ``CountyCatalogue``: a county office's catalogue on working days, returned unsaved
  and without the agency, for the demo;
- ``corpus``: Chinese titles and bodies for a million items, for the search
  benchmark (``Generator``, ``corpus_insert``).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import bulk_save, day_in, pick
from gongkai.workdays.synthetic import (
    workday_in,
    workday_on_or_before,
    workdays_after,
)

from ..models import (
    ArchiveTransfer,
    DocumentKind,
    Interpretation,
    Item,
    ItemChannel,
    ItemStatus,
    Origin,
    PublicationChannel,
)
from .corpus import QUERIES, TOPICS, VERSION, Generator, SyntheticItem, corpus_insert

__all__ = [
    "QUERIES",
    "TOPICS",
    "VERSION",
    "CountyCatalogue",
    "Generator",
    "SyntheticItem",
    "Topic",
    "corpus_insert",
    "random_catalogue",
]


# -- every combination the models allow ------------------------------------------


def random_catalogue(
    agency: Agency, *, years: Sequence[int], rng: random.Random, items: int, tag: str
) -> None:
    """``items`` items a year (about 4% documents, some repealed; 5% drafts, 5%
    withdrawn), each on one to three channels, a few reposted days later (perhaps
    in the next year); an interpretation for every fifty items; archive transfers.
    ``tag`` keeps index numbers apart between ledgers."""
    made = _random_items(agency, years, rng, items, tag)
    bulk_save(Item, made)
    bulk_save(ItemChannel, _random_channels(made, rng))
    bulk_save(
        Interpretation,
        [
            Interpretation(
                agency=agency,
                title=f"解读{n}",
                published_on=day_in(rng, year),
                by_principal_leader=rng.random() < 0.2,
            )
            for year in years
            for n in range(max(1, items // 50))
        ],
    )
    bulk_save(
        ArchiveTransfer,
        [
            ArchiveTransfer(
                agency=agency,
                sent_on=day_in(rng, year),
                recipient=rng.choice(("市档案馆", "市图书馆")),
                paper_items=rng.randint(0, 50),
                electronic_items=rng.randint(0, 200),
            )
            for year in years
            for _ in range(rng.randint(0, 3))
        ],
    )


def _random_items(
    agency: Agency, years: Sequence[int], rng: random.Random, count: int, tag: str
) -> list[Item]:
    items = []
    for year in years:
        for n in range(count):
            published_on = day_in(rng, year)
            roll = rng.random()
            kind = "normative" if roll < 0.03 else "rule" if roll < 0.04 else ""
            status = rng.choices(("published", "withdrawn", "draft"), (90, 5, 5))[0]
            formed_on = published_on - timedelta(days=rng.randint(0, 20))
            repealed = kind and rng.random() < 0.25
            items.append(
                Item(
                    agency=agency,
                    index_number=f"R{tag}-{year}-{n:07d}",
                    title=f"随机条目{n}",
                    article20_item=rng.randint(1, 15),
                    document_kind=kind,
                    formed_on=formed_on,
                    published_on=None if status == "draft" else published_on,
                    repealed_on=(
                        formed_on + timedelta(days=rng.randint(30, 700))
                        if repealed
                        else None
                    ),
                    origin=rng.choices(
                        ("ordinary", "from_application", "declassified"), (95, 3, 2)
                    )[0],
                    status=status,
                )
            )
    return items


def _random_channels(items: list[Item], rng: random.Random) -> Iterator[ItemChannel]:
    channels = PublicationChannel.values
    for item in items:
        if item.published_on is None:
            continue
        for channel in rng.sample(channels, rng.choices((1, 2, 3), (60, 30, 10))[0]):
            # Usually the same day; now and then a repost days later, which may
            # fall in the next year.
            delay = 0 if rng.random() < 0.8 else rng.randint(1, 5)
            yield ItemChannel(
                item=item,
                channel=channel,
                published_on=item.published_on + timedelta(days=delay),
            )


# -- a county office's catalogue ---------------------------------------------------

Topic = tuple[str, str, int | None]  # title stem, category, 第二十条 item
Placed = tuple[Item, list[str]]  # an item and the channels that carried it

CHANNEL_ODDS = (
    (PublicationChannel.WEIXIN, 0.45),
    (PublicationChannel.WEIBO, 0.22),
    (PublicationChannel.CLIENT, 0.15),
    (PublicationChannel.OTHER, 0.08),
)
ORIGINS = (
    (Origin.ORDINARY, 97),
    (Origin.FROM_APPLICATION, 2),
    (Origin.DECLASSIFIED, 1),
)


@dataclass
class CountyCatalogue:
    """One county office's catalogue, year after year, drawn from ``rng``.

    ``until`` is the ledger's last day: a document whose publication would fall
    after it is still a draft. ``county`` names the archive and library that
    receive the transfers; a ``government`` also publishes in the gazette.
    """

    rng: random.Random
    credit_code: str
    name: str
    topics: tuple[Topic, ...]
    document_prefix: str
    normative: int  # documents a year, at most
    government: bool
    county: str
    until: date
    serial: Counter[str] = field(default_factory=Counter)

    def items(self, year: int, count: int) -> list[Placed]:
        """``count`` items of the office's topics (2% withdrawn), then a draft, which
        is counted nowhere."""
        rng = self.rng
        placed = []
        for _ in range(count):
            stem, category, article20 = rng.choice(self.topics)
            published_on = workday_in(rng, year)
            self.serial[f"{stem}:{year}"] += 1
            item = Item(
                index_number=self._index_number(year),
                title=f"{stem}（{year}年第{self.serial[f'{stem}:{year}']}期）",
                category=category,
                article20_item=article20,
                formed_on=published_on - timedelta(days=rng.randint(0, 12)),
                published_on=published_on,
                origin=pick(rng, ORIGINS),
                status=ItemStatus.WITHDRAWN
                if rng.random() < 0.02
                else ItemStatus.PUBLISHED,
            )
            placed.append((item, self._channels()))
        draft = Item(
            index_number=self._index_number(year),
            title=f"{year}年工作总结（草稿）",
            category="工作动态",
            formed_on=date(year, 12, 20),
        )
        placed.append((draft, []))
        return placed

    def documents(
        self, year: int
    ) -> list[tuple[Item, list[str], Interpretation | None]]:
        """行政规范性文件: issued, and published within 20 working days (第二十六条).

        The county government also issues one at the end of each year, published
        in the January after: issued in one year, published in the next.
        """
        rng = self.rng
        documents = [
            self._document(year, workday_in(rng, year), rng.randint(1, 20))
            for _ in range(rng.randint(0, self.normative))
        ]
        if self.government:
            documents.append(
                self._document(year, workday_on_or_before(date(year, 12, 26)), 10)
            )
        return documents

    def archive_transfers(self, year: int) -> list[ArchiveTransfer]:
        recipients = (f"{self.county}档案馆", f"{self.county}图书馆")
        return [
            ArchiveTransfer(
                sent_on=workday_in(self.rng, year),
                recipient=recipient,
                paper_items=self.rng.randint(0, 60),
                electronic_items=self.rng.randint(10, 300),
            )
            for recipient in recipients[: self.rng.randint(1, 2)]
        ]

    def _index_number(self, year: int) -> str:
        self.serial[f"item:{year}"] += 1
        return f"{self.credit_code}/{year}-{self.serial[f'item:{year}']:05d}"

    def _channels(self) -> list[str]:
        channels: list[str] = (
            [PublicationChannel.WEBSITE] if self.rng.random() < 0.92 else []
        )
        channels += [c for c, odds in CHANNEL_ODDS if self.rng.random() < odds]
        if self.government and self.rng.random() < 0.06:
            channels.append(PublicationChannel.GAZETTE)
        return channels or [PublicationChannel.WEBSITE]

    def _document(
        self, year: int, issued: date, delay: int
    ) -> tuple[Item, list[str], Interpretation | None]:
        """One document, published ``delay`` working days after its issue; about a
        third are repealed two to eight years later; most are interpreted."""
        rng = self.rng
        self.serial[f"doc:{year}"] += 1
        number = f"{self.document_prefix}〔{year}〕{self.serial[f'doc:{year}']}号"
        published_on = workdays_after(issued, delay, until=self.until)
        repealed_in = year + rng.randint(2, 8)
        item = Item(
            index_number=self._index_number(year),
            title=f"{self.name}关于印发{rng.choice(self.topics)[1]}"
            f"管理办法的通知（{number}）",
            category="政策文件",
            article20_item=1,
            document_kind=DocumentKind.NORMATIVE,
            document_number=number,
            formed_on=issued,
            published_on=published_on,
            repealed_on=workday_in(rng, repealed_in)
            if repealed_in <= self.until.year and rng.random() < 0.3
            else None,
            status=ItemStatus.PUBLISHED if published_on else ItemStatus.DRAFT,
        )
        gazette = [PublicationChannel.GAZETTE] if self.government else []
        channels: list[str] = (
            [PublicationChannel.WEBSITE, *gazette] if published_on else []
        )
        interpretation = None
        if published_on and rng.random() < 0.7:
            interpretation = Interpretation(
                title=f"《{item.title}》政策解读",
                published_on=published_on,
                by_principal_leader=rng.random() < 0.15,
            )
        return item, channels, interpretation
