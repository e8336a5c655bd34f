"""兴义市应急管理局, 2019: the records behind seed 003, one by one.

Seed 003 (/work/shared/seeds/003_*.txt, copied to gongkai/reports/tests/data/seeds/)
is the agency's published 2019 report: tables 二, 三, 四 in the 2019 national format
and the 贵州 statistics table of its 附件2. This ledger reproduces them exactly:

- 300 catalogue items published in 2019. The website carried 98 (the narrative:
  "市人民政府网站采用信息98"), 政务微博 122 and 政务微信 118 ("微信公众号发布或转发
  118篇，新浪微博发布或转发122篇"), and newspapers and news sites 15 (其他; the
  narrative lists 人民日报 1, 黔西南日报 2, 今日兴义 3, 兴义网 5 "等"). 38 posts went
  to both 微博 and 微信 and 15 press pieces were also on the website: each item still
  counts once in the 300.
- no 规章 or 规范性文件; 2 policy interpretations, neither by the principal leader;
- figures held by other systems (licensing, penalties, coercion, fees, procurement,
  贵州's 政务公开监督员), attested with their source documents;
- no applications, reviews, lawsuits or complaints;
- 1 office (综合股), 3 query points, 1 full-time and 1 part-time staff, 0.3 万元;
  3 meetings and 1 training of 60 people.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from gongkai.agencies.models import (
    AgencyYear,
    AttestedFigure,
    Meeting,
    QueryPoint,
    Training,
)
from gongkai.catalog.models import Interpretation, Item, ItemStatus, PublicationChannel

from .dates import local_moment, spread
from .ledger import Ledger
from .region import SPECS, XINGYI_EMERGENCY

YEAR = 2019
OFFICE = "综合股"

WEBSITE_ITEMS = 98
WEIBO_ITEMS = 122
WEIXIN_ITEMS = 118
PRESS_ITEMS = 15  # 其他: newspapers and news sites
TOTAL_ITEMS = 300

# Figures from other systems, as seed 003's table 二 prints them: (key, value, source).
LICENSING_SOURCE = "兴义市政务服务中心2019年度行政审批办件统计表（应急管理窗口）"
ENFORCEMENT_SOURCE = "兴义市应急管理局2019年度行政执法统计年报"
ATTESTED: tuple[tuple[str, int, str], ...] = (
    ("licensing.items_last_year", 2, LICENSING_SOURCE),
    ("licensing.items_change", 0, LICENSING_SOURCE),
    ("licensing.decisions", 285, LICENSING_SOURCE),
    ("other_services.items_last_year", 13, LICENSING_SOURCE),
    ("other_services.items_change", 14, LICENSING_SOURCE),
    ("other_services.decisions", 818, LICENSING_SOURCE),
    ("penalty.items_last_year", 160, ENFORCEMENT_SOURCE),
    ("penalty.items_change", -27, ENFORCEMENT_SOURCE),
    ("penalty.decisions", 7, ENFORCEMENT_SOURCE),
    ("coercion.items_last_year", 7, ENFORCEMENT_SOURCE),
    ("coercion.items_change", 1, ENFORCEMENT_SOURCE),
    ("coercion.decisions", 0, ENFORCEMENT_SOURCE),
    ("fees.items_last_year", 0, "贵州省行政事业性收费目录清单（2019年版）"),
    ("fees.items_change", 0, "贵州省行政事业性收费目录清单（2019年版）"),
    ("procurement.projects", 0, "兴义市应急管理局2019年度政府采购执行情况"),
    ("procurement.amount", 0, "兴义市应急管理局2019年度政府采购执行情况"),
)
SUPERVISOR_SOURCE = "黔西南州政务公开监督员工作台账（2019年度）"

# (title, category, 第二十条 item or None), in the order they are numbered.
FORMAL_ITEMS: tuple[tuple[str, str, int | None], ...] = (
    ("兴义市应急管理局主要职责", "机构职能", 2),
    ("兴义市应急管理局领导信息", "机构职能", 2),
    ("兴义市应急管理局内设机构及联系方式", "机构职能", 2),
    ("兴义市应急管理局2019年政府信息公开指南", "政府信息公开", None),
    ("兴义市应急管理局政府信息主动公开基本目录", "政府信息公开", None),
    ("兴义市应急管理局2019年部门预算", "财政信息", 7),
    ("兴义市应急管理局2018年部门决算", "财政信息", 7),
    ("危险化学品经营许可办事指南", "行政许可", 5),
    ("烟花爆竹经营（零售）许可办事指南", "行政许可", 5),
    ("安全生产不良记录“黑名单”管理公告", "行政处罚", 6),
    ("2019年兴义市汛期地质灾害防治工作方案", "防灾减灾", 12),
    ("兴义市2019年防汛抗旱应急预案", "防灾减灾", 12),
    ("兴义市森林火灾应急预案（2019年修订）", "防灾减灾", 12),
    ("关于做好2019年“五一”期间安全防范工作的通知", "防灾减灾", 12),
    ("关于开展2019年“防灾减灾日”宣传活动的通知", "防灾减灾", 12),
    ("关于做好2019年国庆期间安全防范工作的通知", "防灾减灾", 12),
    ("关于开展2019年“安全生产月”活动的通知", "安全生产", 13),
    ("关于开展2019年“安全生产法宣传周”活动的通知", "安全生产", 13),
    ("兴义市2019年安全生产专项整治工作方案", "安全生产", 13),
    ("兴义市2019年“打非治违”专项行动工作方案", "安全生产", 13),
    ("兴义市道路交通安全专项整治情况通报", "安全生产", 13),
    ("兴义市非煤矿山安全专项整治情况通报", "安全生产", 13),
    ("兴义市危险化学品安全综合治理情况通报", "安全生产", 13),
    ("兴义市烟花爆竹“打非”专项行动情况通报", "安全生产", 13),
    ("兴义市冬春火灾防控工作情况通报", "安全生产", 13),
    ("兴义市安全生产工作调研报告（一）：小化工企业安全现状", "调研报告", None),
    ("兴义市安全生产工作调研报告（二）：农村道路交通安全", "调研报告", None),
    ("兴义市安全生产工作调研报告（三）：地质灾害隐患点群测群防", "调研报告", None),
    ("兴义市安全生产工作调研报告（四）：城镇燃气使用安全", "调研报告", None),
)

INTERPRETATIONS: tuple[tuple[str, str], ...] = (
    ("一图读懂《生产安全事故应急条例》", "政策解读：《生产安全事故应急条例》"),
    ("一图读懂《地质灾害防治条例》要点", "政策解读：《地质灾害防治条例》"),
)

NEWS_TOPICS = (
    "开展安全生产大检查",
    "召开安全生产工作会议",
    "开展应急救援综合演练",
    "开展“安全生产月”集中宣传咨询日活动",
    "开展防灾减灾宣传周活动",
    "开展危险化学品企业安全检查",
    "开展非煤矿山安全隐患排查",
    "开展汛期地质灾害隐患巡查",
    "开展烟花爆竹市场专项检查",
    "开展企业主要负责人安全生产培训",
    "开展消防安全宣传进社区活动",
    "开展森林防火专项督查",
)
SOCIAL_TOPICS = (
    ("安全提示", "雷雨天气出行安全提示"),
    ("安全提示", "夏季防溺水安全提示"),
    ("安全提示", "冬季用火用电安全提示"),
    ("安全提示", "节假日出行安全提示"),
    ("防灾减灾", "地质灾害防范知识"),
    ("防灾减灾", "家庭应急物资储备清单"),
    ("防灾减灾", "地震来了怎么办"),
    ("防灾减灾", "暴雨预警信号及防御指南"),
    ("应急科普", "燃气泄漏应急处置"),
    ("应急科普", "火场逃生自救常识"),
    ("应急科普", "危险化学品安全常识"),
    ("工作动态", "乡镇（街道）安全生产督查"),
    ("工作动态", "重点行业领域安全检查"),
    ("工作动态", "应急值守工作部署"),
)


def xingyi_ledger(supervisor_keys: tuple[str, ...] = ()) -> Ledger:
    """The 2019 ledger. ``supervisor_keys`` are the 贵州 format's own attested keys
    (政务公开监督员), all attested as 0 as seed 003's 附件2 prints them."""
    ledger = Ledger()
    _profile(ledger)
    _attested(ledger, supervisor_keys)
    items = _items()
    for position, (title, category, article20) in enumerate(items):
        ledger.add_item(
            _item(position, title, category, article20), _channels(position)
        )
    for title, item_title in INTERPRETATIONS:
        position = next(i for i, (t, _, _) in enumerate(items) if t == item_title)
        ledger.interpretations.append(
            (
                _index_number(position),
                Interpretation(title=title, published_on=_published_on(position)),
            )
        )
    return ledger


def _profile(ledger: Ledger) -> None:
    ledger.years.append(
        AgencyYear(
            year=YEAR,
            office_name=OFFICE,
            dedicated_offices=1,
            full_time_staff=1,
            part_time_staff=1,
            budget=Decimal("0.3"),
        )
    )
    ledger.query_points += [
        QueryPoint(
            name="兴义市应急管理局综合股政府信息公开查阅点",
            address="兴义市应急管理局综合股",
            opened_on=date(2019, 3, 1),
        ),
        QueryPoint(
            name="兴义市政务服务中心应急管理窗口",
            address="兴义市政务服务中心",
            opened_on=date(2019, 3, 1),
        ),
        QueryPoint(
            name="兴义市应急管理局一楼大厅查阅点",
            address="兴义市应急管理局一楼大厅",
            opened_on=date(2019, 5, 15),
        ),
    ]
    ledger.meetings += [
        Meeting(
            held_on=date(2019, 3, 12),
            attendees=15,
            title="兴义市应急管理局政府信息公开工作领导小组会议",
        ),
        Meeting(
            held_on=date(2019, 5, 20),
            attendees=42,
            title="学习贯彻新修订《中华人民共和国政府信息公开条例》干部职工会议",
        ),
        Meeting(
            held_on=date(2019, 11, 26),
            attendees=18,
            title="兴义市应急管理局2019年政务公开工作推进会",
        ),
    ]
    ledger.trainings.append(
        Training(
            held_on=date(2019, 6, 18),
            attendees=60,
            title="新修订《中华人民共和国政府信息公开条例》学习培训班",
        )
    )


def _attested(ledger: Ledger, supervisor_keys: tuple[str, ...]) -> None:
    at = local_moment(date(2020, 1, 15))
    figures = [*ATTESTED, *((key, 0, SUPERVISOR_SOURCE) for key in supervisor_keys)]
    ledger.attested += [
        AttestedFigure(
            year=YEAR,
            key=key,
            value=Decimal(value),
            source_document=source,
            attested_at=at,
        )
        for key, value, source in figures
    ]


def _items() -> list[tuple[str, str, int | None]]:
    """The 300 items: the 98 on the website first, then the social-media posts."""
    website = list(FORMAL_ITEMS)
    licences = [
        (f"{YEAR}年{month}月危险化学品经营许可证核发情况公示", "行政许可", 5)
        for month in range(1, 13)
    ] + [
        (f"{YEAR}年第{n}批烟花爆竹经营（零售）许可证核发公告", "行政许可", 5)
        for n in range(1, 7)
    ]
    penalties = [
        (f"行政处罚决定书（兴应急罚〔{YEAR}〕{n}号）", "行政处罚", 6)
        for n in range(1, 8)
    ]
    website += licences + penalties
    website += [(t, "政策解读", None) for _, t in INTERPRETATIONS]
    news = WEBSITE_ITEMS - len(website)
    website += [
        (
            f"兴义市应急管理局{NEWS_TOPICS[n % len(NEWS_TOPICS)]}（{n + 1}）",
            "工作动态",
            None,
        )
        for n in range(news)
    ]
    social = [
        (
            f"【{label}】{topic}（第{n // len(SOCIAL_TOPICS) + 1}期）",
            "工作动态" if label == "工作动态" else "宣传科普",
            13 if label == "工作动态" else None,
        )
        for n, (label, topic) in (
            (n, SOCIAL_TOPICS[n % len(SOCIAL_TOPICS)])
            for n in range(TOTAL_ITEMS - WEBSITE_ITEMS)
        )
    ]
    return website + social


def _channels(position: int) -> list[str]:
    """Which channels carried the item at ``position`` (see the module docstring).

    Website: the first 98; of them the last 15 news items also ran in the press.
    微博: the next 122; 微信: the last 118, so 38 posts went to both.
    """
    channels: list[str] = []
    if position < WEBSITE_ITEMS:
        channels.append(PublicationChannel.WEBSITE)
        if position >= WEBSITE_ITEMS - PRESS_ITEMS:
            channels.append(PublicationChannel.OTHER)
    if WEBSITE_ITEMS <= position < WEBSITE_ITEMS + WEIBO_ITEMS:
        channels.append(PublicationChannel.WEIBO)
    if position >= TOTAL_ITEMS - WEIXIN_ITEMS:
        channels.append(PublicationChannel.WEIXIN)
    return channels


def _item(position: int, title: str, category: str, article20: int | None) -> Item:
    published_on = _published_on(position)
    return Item(
        index_number=_index_number(position),
        title=title,
        category=category,
        article20_item=article20,
        formed_on=published_on - timedelta(days=2),
        published_on=published_on,
        status=ItemStatus.PUBLISHED,
    )


def _published_on(position: int) -> date:
    """Items are numbered in catalogue order but published all through the year."""
    return spread(YEAR, position * 7 % TOTAL_ITEMS, TOTAL_ITEMS)


def _index_number(position: int) -> str:
    return f"{SPECS[XINGYI_EMERGENCY].credit_code}/{YEAR}-{position + 1:05d}"
