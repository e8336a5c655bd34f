"""Drawing one synthetic agency's nine years from a seeded generator."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from gongkai.activities.models import Activity, ActivityKind, ResponseChannel
from gongkai.agencies.attested import NATIONAL_KEYS
from gongkai.agencies.models import (
    AgencyYear,
    AttestedFigure,
    Meeting,
    QueryPoint,
    Training,
)
from gongkai.applications.models import Application, Ground, Outcome
from gongkai.cases.models import AdministrativeReview, Complaint, Litigation, Result
from gongkai.catalog.models import (
    ArchiveTransfer,
    DocumentKind,
    Interpretation,
    Item,
    Origin,
    PublicationChannel,
)

from ..dates import (
    add_workdays,
    local_moment,
    workday_on_or_after,
    workday_on_or_before,
)
from ..ledger import Ledger, LitigationSpec, ReviewSpec
from ..region import QINGXI_GOVERNMENT, SPECS
from .profiles import (
    APPLICANTS,
    APPLICATION_CHANNELS,
    CHANNEL_ODDS,
    COMPLAINT_SUBJECTS,
    GROUNDS,
    OUTCOMES,
    RESULTS,
    Profile,
)

FIRST_YEAR = 2017
LAST_YEAR = 2025
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
END = date(LAST_YEAR, 12, 31)  # nothing happens after the demo's last year
FEES_FROM = date(2021, 1, 1)  # 国办函〔2020〕109号 信息处理费

C = TypeVar("C", AdministrativeReview, Litigation, Complaint)


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _day_in(rng: random.Random, year: int) -> date:
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    later = workday_on_or_after(day)
    return later if later.year == year else day


def _after(day: date, workdays: int) -> date | None:
    """``workdays`` working days after ``day``, or None beyond the demo's end."""
    later = add_workdays(day, workdays)
    return later if later <= END else None


class History:
    """Nine years of one agency, drawn in a fixed order from one seeded generator."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.spec = SPECS[profile.key]
        self.rng = random.Random(f"gongkai-demo:{profile.key}")
        self.government = profile.key == QINGXI_GOVERNMENT
        self.data = Ledger()
        self.serial: Counter[str] = Counter()
        self.list_sizes: dict[str, int] = {}

    def ledger(self) -> Ledger:
        self._query_points()
        for year in YEARS:
            growth = 1 + 0.08 * (year - FIRST_YEAR)
            self._profile(year)
            self._items(
                year, round(self.profile.items * growth * self.rng.uniform(0.85, 1.15))
            )
            self._documents(year)
            self._applications(
                year,
                round(self.profile.applications * growth * self.rng.uniform(0.7, 1.3)),
            )
            self._complaints(year)
            self._activities(year)
            if year >= 2019:
                self._attested(year)
        return self.data

    # -- the agency and its year ---------------------------------------------------

    def _query_points(self) -> None:
        where = self.profile.address
        self.data.query_points += [
            QueryPoint(
                name=f"{self.spec.name}政府信息公开查阅点",
                address=where,
                opened_on=date(2015, 7, 1),
            ),
            QueryPoint(
                name=f"{self.spec.short_name}便民服务窗口",
                address=where,
                opened_on=date(2019, 4, 1),
            ),
            QueryPoint(
                name=f"{self.spec.short_name}临时查阅点（老办公区）",
                address="老城区办公楼",
                opened_on=date(2016, 3, 1),
                closed_on=date(2021, 9, 30),
            ),
        ]
        if self.government:
            self.data.query_points += [
                QueryPoint(
                    name="青溪县档案馆政府信息查阅中心",
                    address="青溪县档案馆",
                    opened_on=date(2014, 5, 1),
                ),
                QueryPoint(
                    name="青溪县图书馆政府信息查阅点",
                    address="青溪县图书馆",
                    opened_on=date(2014, 5, 1),
                ),
            ]

    def _profile(self, year: int) -> None:
        rng = self.rng
        self.data.years.append(
            AgencyYear(
                year=year,
                office_name="县人民政府办公室政务公开股"
                if self.government
                else "办公室",
                dedicated_offices=1,
                full_time_staff=rng.randint(2, 4)
                if self.government
                else rng.randint(0, 2),
                part_time_staff=rng.randint(1, 8),
                budget=Decimal(rng.randint(2, 60)) / 10,
            )
        )
        for n in range(rng.randint(1, 4)):
            self.data.meetings.append(
                Meeting(
                    held_on=_day_in(rng, year),
                    attendees=rng.randint(8, 40),
                    title=f"{year}年政务公开工作会议（第{n + 1}次）",
                )
            )
        for n in range(rng.randint(1, 3)):
            self.data.trainings.append(
                Training(
                    held_on=_day_in(rng, year),
                    attendees=rng.randint(15, 120),
                    title=f"{year}年政府信息公开业务培训班（第{n + 1}期）",
                )
            )

    def _attested(self, year: int) -> None:
        """Figures from other systems; this year's list size is last year's plus
        its change, as the 2019 format's columns imply."""
        rng, at = self.rng, local_moment(date(year + 1, 1, 10))
        source = f"{self.spec.name}{year}年度行政执法和政务服务统计"
        values: dict[str, Decimal] = {}
        for subject in ("licensing", "other_services", "penalty", "coercion", "fees"):
            last = self.list_sizes.get(subject, rng.randint(0, 40))
            change = rng.randint(-min(last, 3), 5)
            self.list_sizes[subject] = last + change
            values[f"{subject}.items_last_year"] = Decimal(last)
            values[f"{subject}.items_change"] = Decimal(change)
            values[f"{subject}.decisions"] = Decimal(rng.randint(0, 600) if last else 0)
        values["fees.amount"] = Decimal(rng.randint(0, 500)) / 100
        values["procurement.projects"] = Decimal(rng.randint(0, 12))
        values["procurement.amount"] = Decimal(rng.randint(0, 30000)) / 100
        self.data.attested += [
            AttestedFigure(
                year=year,
                key=key,
                value=values[key],
                source_document=source,
                attested_at=at,
            )
            for key in NATIONAL_KEYS
            if key in values
        ]

    # -- proactive disclosure ------------------------------------------------------

    def _index_number(self, year: int) -> str:
        self.serial[f"item:{year}"] += 1
        return f"{self.spec.credit_code}/{year}-{self.serial[f'item:{year}']:05d}"

    def _channels(self) -> list[str]:
        channels: list[str] = (
            [PublicationChannel.WEBSITE] if self.rng.random() < 0.92 else []
        )
        channels += [c for c, odds in CHANNEL_ODDS if self.rng.random() < odds]
        if self.government and self.rng.random() < 0.06:
            channels.append(PublicationChannel.GAZETTE)
        return channels or [PublicationChannel.WEBSITE]

    def _items(self, year: int, count: int) -> None:
        rng = self.rng
        for _ in range(count):
            stem, category, article20 = rng.choice(self.profile.topics)
            published_on = _day_in(rng, year)
            self.serial[f"{stem}:{year}"] += 1
            item = Item(
                index_number=self._index_number(year),
                title=f"{stem}（{year}年第{self.serial[f'{stem}:{year}']}期）",
                category=category,
                article20_item=article20,
                formed_on=published_on - timedelta(days=rng.randint(0, 12)),
                published_on=published_on,
                origin=_pick(
                    rng,
                    (
                        (Origin.ORDINARY, 97),
                        (Origin.FROM_APPLICATION, 2),
                        (Origin.DECLASSIFIED, 1),
                    ),
                ),
                status=Item.Status.WITHDRAWN
                if rng.random() < 0.02
                else Item.Status.PUBLISHED,
            )
            self.data.add_item(item, self._channels())
        self.data.items.append(  # a draft: not published, so counted nowhere
            Item(
                index_number=self._index_number(year),
                title=f"{year}年工作总结（草稿）",
                category="工作动态",
                formed_on=date(year, 12, 20),
            )
        )
        self._archive_transfers(year)

    def _documents(self, year: int) -> None:
        """行政规范性文件: issued, and published within 20 working days (第二十六条).

        The county government also issues one at the end of each year, published
        in the January after: issued in one year, published in the next.
        """
        rng = self.rng
        for _ in range(rng.randint(0, self.profile.normative)):
            self._document(year, _day_in(rng, year), rng.randint(1, 20))
        if self.government:
            self._document(year, workday_on_or_before(date(year, 12, 26)), 10)

    def _document(self, year: int, issued: date, delay: int) -> None:
        """One document, published ``delay`` working days after its issue; about
        a third are repealed two to eight years later."""
        rng = self.rng
        self.serial[f"doc:{year}"] += 1
        number = (
            f"{self.profile.document_prefix}〔{year}〕{self.serial[f'doc:{year}']}号"
        )
        published_on = _after(issued, delay)
        repealed_in = year + rng.randint(2, 8)
        item = Item(
            index_number=self._index_number(year),
            title=f"{self.spec.name}关于印发{rng.choice(self.profile.topics)[1]}"
            f"管理办法的通知（{number}）",
            category="政策文件",
            article20_item=1,
            document_kind=DocumentKind.NORMATIVE,
            document_number=number,
            formed_on=issued,
            published_on=published_on,
            repealed_on=_day_in(rng, repealed_in)
            if repealed_in <= LAST_YEAR and rng.random() < 0.3
            else None,
            status=Item.Status.PUBLISHED if published_on else Item.Status.DRAFT,
        )
        gazette = [PublicationChannel.GAZETTE] if self.government else []
        self.data.add_item(
            item, [PublicationChannel.WEBSITE, *gazette] if published_on else []
        )
        if published_on and rng.random() < 0.7:
            interpretation = Interpretation(
                title=f"《{item.title}》政策解读",
                published_on=published_on,
                by_principal_leader=rng.random() < 0.15,
            )
            self.data.interpretations.append((item.index_number, interpretation))

    def _archive_transfers(self, year: int) -> None:
        for recipient in ("青溪县档案馆", "青溪县图书馆")[: self.rng.randint(1, 2)]:
            self.data.archive_transfers.append(
                ArchiveTransfer(
                    sent_on=_day_in(self.rng, year),
                    recipient=recipient,
                    paper_items=self.rng.randint(0, 60),
                    electronic_items=self.rng.randint(10, 300),
                )
            )

    # -- applications and the cases they lead to -----------------------------------

    def _applications(self, year: int, count: int) -> None:
        for n in range(count):
            application = self._application(year, n + 1)
            self.data.applications.append(application)
            if application.closed_on and application.outcome not in {
                Outcome.DISCLOSED,
                Outcome.OTHER,
            }:
                self._cases(application)

    def _application(self, year: int, number: int) -> Application:
        rng = self.rng
        received = _day_in(rng, year)
        extended = rng.random() < 0.1
        closed_on = _after(
            received, rng.randint(21, 40) if extended else rng.randint(1, 20)
        )
        outcome = _pick(rng, OUTCOMES) if closed_on else ""
        if outcome == Outcome.OTHER_UNPAID and received < FEES_FROM:
            outcome = Outcome.OTHER_NO_CORRECTION  # no fees before 109号
        fee = (
            Decimal(rng.choice((100, 200, 300)))
            if (
                outcome == Outcome.DISCLOSED
                and received >= FEES_FROM
                and rng.random() < 0.05
            )
            else Decimal(0)
        )
        return Application(
            tracking_number=f"{self.profile.tracking_prefix}-{year}-{number:04d}",
            received_on=received,
            channel=_pick(rng, APPLICATION_CHANNELS),
            applicant_type=_pick(rng, APPLICANTS),
            applicant_name="",
            description=f"申请公开{rng.choice(self.profile.topics)[0]}相关信息",
            outcome=outcome,
            ground=_pick(rng, GROUNDS[outcome]) if outcome in GROUNDS else Ground.NONE,
            closed_on=closed_on,
            extended=extended and closed_on is not None,
            fee_amount=fee,
        )

    def _cases(self, application: Application) -> None:
        """Some answers are challenged: a review (perhaps followed by a lawsuit)
        or a lawsuit brought directly."""
        rng, closed = self.rng, application.closed_on
        assert closed is not None
        roll = rng.random()
        if roll < 0.08:
            review = self._case(AdministrativeReview, closed)
            if review is None:
                return
            self.data.reviews.append(ReviewSpec(application.tracking_number, review))
            if review.result == Result.UPHELD and rng.random() < 0.35:
                self._lawsuit(application, review.concluded_on, review.filed_on)
        elif roll < 0.11:
            self._lawsuit(application, closed, None)

    def _lawsuit(
        self, application: Application, after: date | None, review_filed_on: date | None
    ) -> None:
        litigation = self._case(Litigation, after) if after else None
        if litigation is not None:
            self.data.litigations.append(
                LitigationSpec(application.tracking_number, litigation, review_filed_on)
            )

    def _case(self, model: type[C], after: date, **fields: str) -> C | None:
        """A case filed some weeks after ``after``; concluded with a result, or
        still pending when its conclusion would fall after the demo's end."""
        filed_on = _after(after, self.rng.randint(5, 40))
        if filed_on is None:
            return None
        concluded_on = _after(filed_on, self.rng.randint(15, 80))
        result = _pick(self.rng, RESULTS) if concluded_on else ""
        return model(
            filed_on=filed_on, concluded_on=concluded_on, result=result, **fields
        )

    def _complaints(self, year: int) -> None:
        for n in range(self.rng.randint(0, 2)):
            subject = f"{self.rng.choice(COMPLAINT_SUBJECTS)}（{year}年第{n + 1}件）"
            complaint = self._case(
                Complaint,
                date(year, 1, 1) + timedelta(days=self.rng.randrange(300)),
                subject=subject,
            )
            if complaint is not None:
                self.data.complaints.append(complaint)

    # -- activities ----------------------------------------------------------------

    def _activities(self, year: int) -> None:
        scale = 3 if self.government else 1
        rng = self.rng
        for kind, low, high in (
            (ActivityKind.PRESS_CONFERENCE, 0, 3 * scale),
            (ActivityKind.ONLINE_INTERVIEW, 0, 2 * scale),
            (ActivityKind.RESPONSE, 2, 6 * scale),
            (ActivityKind.NPC_SUGGESTION, 2, 12 * scale),
            (ActivityKind.CPPCC_PROPOSAL, 2, 10 * scale),
            (ActivityKind.CONSULTATION, 0, 2 * scale),
            (ActivityKind.OPEN_MEETING, 0, 2 * scale),
            (ActivityKind.ENQUIRY, 20, 60 * scale),
            (ActivityKind.QUERY_VISIT, 5, 30 * scale),
        ):
            for n in range(rng.randint(low, high)):
                activity = self._activity(kind, year, n + 1)
                channels = (
                    rng.sample(list(ResponseChannel.values), rng.randint(1, 2))
                    if kind == ActivityKind.RESPONSE
                    else []
                )
                self.data.add_activity(activity, channels)

    def _activity(self, kind: str, year: int, number: int) -> Activity:
        rng = self.rng
        activity = Activity(
            kind=kind,
            held_on=_day_in(rng, year),
            title=f"{year}年{ActivityKind(kind).label}（第{number}号）",
            principal_leader=kind
            in {ActivityKind.PRESS_CONFERENCE, ActivityKind.ONLINE_INTERVIEW}
            and rng.random() < 0.4,
            result_published=kind
            in {ActivityKind.NPC_SUGGESTION, ActivityKind.CPPCC_PROPOSAL}
            and rng.random() < 0.85,
        )
        if kind == ActivityKind.CONSULTATION:
            activity.feedback_count = rng.randint(3, 120)
            activity.opinions_received = rng.randint(
                activity.feedback_count, activity.feedback_count * 2
            )
            activity.opinions_not_adopted = rng.randint(
                0, activity.opinions_received // 3
            )
        elif kind == ActivityKind.OPEN_MEETING:
            activity.participants = rng.randint(3, 20)
        elif kind == ActivityKind.QUERY_VISIT:
            activity.participants = rng.randint(1, 3)
        return activity
