"""临沂市民政局, 2017: the records behind seed 002, where that seed is consistent.

Seed 002 is the bureau's published 2017 report with its statistics table in the
Shandong variant of the national table (format ``shandong-legacy``). The ledger
below reproduces every figure of that table but one, and the narrative's countable
facts:

- 393 items published in 2017, all on the bureau's website, 48 of them on 政务微博
  and 194 on 政务微信; 3 are 规范性文件 issued (制发) in 2017;
- **其他方式: 125, not the seed's 500.** The seed counts "近500条" published
  through "报纸、广播电视、电子屏、宣传栏等方式" against 393 items in all, which no
  ledger can hold: an item counts once per channel, so no channel can carry more
  items than were published. We read the 500 as placements across the four kinds
  of media named, about 125 items carried by each, and record those 125 items.
- 13 responses to public concern (5 through 微博微信, 8 on the website), 10 press
  conferences on the 行风热线 (9 with the director), 1 online interview (with the
  director), 10 policy interpretations;
- 4 applications (2 online, 2 by letter), received and answered on time in 2017,
  all refused (不同意公开) — each **with its reason**, which the seed's table omits
  (its 其中 rows are all 0: the seed's second defect);
- 68 letters to the 局长信箱 and 325 replies on the 市民互动连线, recorded as
  enquiries answered (together the "群众来信来访393件次" of the narrative);
- 1 office, 2 query points, 38 part-time staff, 2 万元; 2 meetings, 2 trainings of
  63 people in all. No reviews, lawsuits, complaints or transfers to archives.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from gongkai.activities.models import Activity, ActivityKind, ResponseChannel
from gongkai.agencies.models import AgencyYear, Meeting, QueryPoint, Training
from gongkai.applications.models import (
    ApplicantType,
    Application,
    ApplicationChannel,
    Ground,
    Outcome,
)
from gongkai.catalog.models import (
    DocumentKind,
    Interpretation,
    Item,
    ItemStatus,
    PublicationChannel,
)

from .dates import add_workdays, spread
from .ledger import Ledger
from .region import LINYI_CIVIL_AFFAIRS, SPECS

YEAR = 2017
TOTAL_ITEMS = 393
WEIBO_ITEMS = 48
WEIXIN_ITEMS = 194
OTHER_ITEMS = 125  # the seed prints 500; see the module docstring
CODE = SPECS[LINYI_CIVIL_AFFAIRS].credit_code

# (title, document number, issued on); each published three working days later.
NORMATIVE_DOCUMENTS = (
    (
        "临沂市民政局关于进一步加强城乡最低生活保障规范管理的通知",
        "临民发〔2017〕8号",
        date(2017, 3, 6),
    ),
    (
        "临沂市民政局关于提高特困人员救助供养标准的通知",
        "临民发〔2017〕21号",
        date(2017, 6, 26),
    ),
    (
        "临沂市民政局关于加快推进养老服务业发展的实施意见",
        "临民发〔2017〕35号",
        date(2017, 10, 23),
    ),
)
POLICY_DOCUMENTS = (
    "临沂市2017年困难群众救助工作要点",
    "临沂市2017年退役士兵安置工作实施方案",
    "临沂市2017年社会组织年度检查工作方案",
    "临沂市2017年殡葬改革工作方案",
    "临沂市2017年养老服务体系建设工作要点",
    "临沂市2017年救灾物资储备工作方案",
    "临沂市2017年婚姻登记规范化建设工作方案",
)
KEY_AREA_ITEMS = (
    "2017年第一季度全市城乡低保保障情况",
    "2017年第二季度全市城乡低保保障情况",
    "2017年第三季度全市城乡低保保障情况",
    "2017年第四季度全市城乡低保保障情况",
    "2017年全市特困人员救助供养情况",
    "2017年全市临时救助资金使用情况",
)
ROUTINE_TOPICS = (
    ("社会组织成立登记公告", "社会组织"),
    ("社会组织变更登记公告", "社会组织"),
    ("社会组织注销登记公告", "社会组织"),
    ("养老机构设立许可公示", "养老服务"),
    ("城乡低保资金发放情况", "社会救助"),
    ("民政工作动态", "工作动态"),
    ("民政工作动态", "工作动态"),
    ("民政工作动态", "工作动态"),
    ("优抚对象抚恤补助发放情况", "优抚安置"),
    ("婚姻登记服务提示", "婚姻登记"),
    ("地名标志设置工作进展", "区划地名"),
    ("慈善救助项目进展", "慈善事业"),
)

RESPONSES = (
    ("关于退役士兵安置政策落实的社会关切", ResponseChannel.WEIBO_WEIXIN),
    ("关于城乡低保标准调整的社会关切", ResponseChannel.WEIBO_WEIXIN),
    ("关于特困人员救助供养标准的社会关切", ResponseChannel.WEIBO_WEIXIN),
    ("关于养老服务补贴申领的社会关切", ResponseChannel.WEIBO_WEIXIN),
    ("关于婚姻登记预约办理的社会关切", ResponseChannel.WEIBO_WEIXIN),
    ("关于公益性公墓建设的社会关切", ResponseChannel.WEBSITE),
    ("关于社会组织年检的社会关切", ResponseChannel.WEBSITE),
    ("关于临时救助申请程序的社会关切", ResponseChannel.WEBSITE),
    ("关于高龄津贴发放的社会关切", ResponseChannel.WEBSITE),
    ("关于重度残疾人护理补贴的社会关切", ResponseChannel.WEBSITE),
    ("关于农村留守儿童关爱服务的社会关切", ResponseChannel.WEBSITE),
    ("关于冬季救助御寒物资发放的社会关切", ResponseChannel.WEBSITE),
    ("关于街道社区地名命名的社会关切", ResponseChannel.WEBSITE),
)

# (description, channel, applicant type, outcome, ground, received on)
APPLICATIONS = (
    (
        "申请公开某户家庭享受最低生活保障的收入和财产核查材料",
        ApplicationChannel.ONLINE,
        ApplicantType.NATURAL_PERSON,
        Outcome.WITHHELD_THIRD_PARTY,
        Ground.PRIVACY,
        date(2017, 3, 14),
    ),
    (
        "申请公开他人优抚对象抚恤金审批材料",
        ApplicationChannel.LETTER,
        ApplicantType.NATURAL_PERSON,
        Outcome.WITHHELD_THIRD_PARTY,
        Ground.PRIVACY,
        date(2017, 5, 22),
    ),
    (
        "申请公开某民办养老机构为申领运营补贴报送的财务报表",
        ApplicationChannel.ONLINE,
        ApplicantType.BUSINESS,
        Outcome.WITHHELD_THIRD_PARTY,
        Ground.TRADE_SECRET,
        date(2017, 8, 8),
    ),
    (
        "申请公开行政区划调整论证会的内部讨论记录",
        ApplicationChannel.LETTER,
        ApplicantType.NATURAL_PERSON,
        Outcome.WITHHELD_PROCESS,
        Ground.NONE,
        date(2017, 10, 16),
    ),
)
# The 2007 条例 (第二十四条) gave 15 working days to answer; each was answered in 12.
ANSWERED_AFTER_WORKDAYS = 12

DIRECTORS_MAILBOX = 68  # 局长信箱
CITIZEN_HOTLINE = 325  # 市民互动连线（咨询、投诉、网上问答等）


def linyi_ledger() -> Ledger:
    ledger = Ledger()
    _profile(ledger)
    _items(ledger)
    _applications(ledger)
    _activities(ledger)
    return ledger


def _profile(ledger: Ledger) -> None:
    ledger.years.append(
        AgencyYear(
            year=YEAR,
            office_name="政务公开工作领导小组办公室（设在局办公室）",
            dedicated_offices=1,
            full_time_staff=0,
            part_time_staff=38,
            budget=Decimal(2),
        )
    )
    ledger.query_points += [
        QueryPoint(
            name="临沂市民政局政府信息公开查阅室",
            opened_on=date(2015, 6, 1),
            address="临沂市兰山区北京路13号707室",
        ),
        QueryPoint(
            name="临沂市政务服务中心民政窗口",
            opened_on=date(2016, 3, 1),
            address="临沂市政务服务中心",
        ),
    ]
    ledger.meetings += [
        Meeting(
            held_on=date(2017, 3, 28),
            attendees=26,
            title="临沂市民政局2017年政府信息公开工作会议",
        ),
        Meeting(
            held_on=date(2017, 7, 12),
            attendees=18,
            title="重点领域政府信息公开工作专题会议",
        ),
    ]
    ledger.trainings += [
        Training(
            held_on=date(2017, 4, 19),
            attendees=35,
            title="局机关及直属单位政务公开工作培训班",
        ),
        Training(
            held_on=date(2017, 9, 6),
            attendees=28,
            title="12345热线话务员退役士兵安置政策知识培训",
        ),
    ]


def _item_titles() -> list[tuple[str, str, str]]:
    """(title, category, document number) of the 393 items in catalogue order."""
    titles = [(title, "规范性文件", number) for title, number, _ in NORMATIVE_DOCUMENTS]
    titles += [(title, "政策文件", "") for title in POLICY_DOCUMENTS]
    titles += [(title, "重点领域", "") for title in KEY_AREA_ITEMS]
    routine = TOTAL_ITEMS - len(titles)
    for n in range(routine):
        topic, category = ROUTINE_TOPICS[n % len(ROUTINE_TOPICS)]
        titles.append(
            (f"{topic}（{YEAR}年第{n // len(ROUTINE_TOPICS) + 1}期）", category, "")
        )
    return titles


def _items(ledger: Ledger) -> None:
    issued = {title: day for title, _, day in NORMATIVE_DOCUMENTS}
    for position, (title, category, number) in enumerate(_item_titles()):
        normative = title in issued
        if normative:
            formed_on = issued[title]
            published_on = add_workdays(formed_on, 3)
        else:
            published_on = spread(YEAR, position * 11 % TOTAL_ITEMS, TOTAL_ITEMS)
            formed_on = published_on - timedelta(days=5)
        item = Item(
            index_number=f"{CODE}/{YEAR}-{position + 1:05d}",
            title=title,
            category=category,
            article20_item=1 if normative else None,
            document_kind=DocumentKind.NORMATIVE if normative else DocumentKind.NONE,
            document_number=number,
            formed_on=formed_on,
            published_on=published_on,
            status=ItemStatus.PUBLISHED,
        )
        ledger.add_item(item, _channels(position))
        if category in {"规范性文件", "政策文件"}:
            ledger.interpretations.append(
                (
                    item.index_number,
                    Interpretation(
                        title=f"《{title}》政策解读", published_on=published_on
                    ),
                )
            )


def _channels(position: int) -> list[str]:
    """Every item on the website; 微信 the first 194, 微博 the first 48 of those;
    other media 125 items from the 150th on."""
    channels: list[str] = [PublicationChannel.WEBSITE]
    if position < WEIXIN_ITEMS:
        channels.append(PublicationChannel.WEIXIN)
    if position < WEIBO_ITEMS:
        channels.append(PublicationChannel.WEIBO)
    if 150 <= position < 150 + OTHER_ITEMS:
        channels.append(PublicationChannel.OTHER)
    return channels


def _applications(ledger: Ledger) -> None:
    for n, (description, channel, applicant, outcome, ground, received) in enumerate(
        APPLICATIONS, start=1
    ):
        ledger.applications.append(
            Application(
                tracking_number=f"LYMZ-{YEAR}-{n:04d}",
                received_on=received,
                channel=channel,
                applicant_type=applicant,
                description=description,
                outcome=outcome,
                ground=ground,
                closed_on=add_workdays(received, ANSWERED_AFTER_WORKDAYS),
                extended=False,
            )
        )


def _activities(ledger: Ledger) -> None:
    for n, (title, channel) in enumerate(RESPONSES):
        ledger.add_activity(
            Activity(
                kind=ActivityKind.RESPONSE,
                held_on=spread(YEAR, n, len(RESPONSES)),
                title=title,
            ),
            [channel],
        )
    for n in range(10):  # on the 行风热线; the director missed one
        ledger.add_activity(
            Activity(
                kind=ActivityKind.PRESS_CONFERENCE,
                held_on=spread(YEAR, n, 10),
                title=f"行风热线·民政工作新闻发布（第{n + 1}期）",
                principal_leader=n != 6,
            )
        )
    ledger.add_activity(
        Activity(
            kind=ActivityKind.ONLINE_INTERVIEW,
            held_on=date(2017, 6, 15),
            title="局长做客市政府网站在线访谈：2017年民政重点工作",
            principal_leader=True,
        )
    )
    for n in range(DIRECTORS_MAILBOX):
        ledger.add_activity(
            Activity(
                kind=ActivityKind.ENQUIRY,
                held_on=spread(YEAR, n, DIRECTORS_MAILBOX),
                title=f"局长信箱来信答复（{YEAR}年第{n + 1}件）",
            )
        )
    for n in range(CITIZEN_HOTLINE):
        ledger.add_activity(
            Activity(
                kind=ActivityKind.ENQUIRY,
                held_on=spread(YEAR, n, CITIZEN_HOTLINE),
                title=f"市民互动连线答复（{YEAR}年第{n + 1}条）",
            )
        )
