"""Synthetic Chinese catalogue text, for the search benchmark.

Titles, summaries and bodies are put together from the words a county's catalogue
is made of (places, topics, actions, genres), topics drawn with a long tail as in
real catalogues: a few (安全生产, 疫情防控) in many items, most in few. The same
seed makes the same items.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from django.db import connection
from django.utils import timezone

from gongkai.agencies.models import Agency

from ..models import Item, ItemStatus


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PLACES = _words(
    "兴义市 安龙县 兴仁市 贞丰县 普安县 晴隆县 册亨县 望谟县 义龙新区 都匀市 "
    "凯里市 六盘水市 遵义市 安顺市 毕节市 铜仁市 黔南州 黔东南州 黔西南州 贵阳市 "
    "清镇市 修文县 息烽县 开阳县 花溪区 乌当区 白云区 观山湖区 南明区 云岩区"
)
TOPICS = _words(
    "安全生产 疫情防控 防汛抗旱 森林防火 最低生活保障 义务教育 食品安全 环境保护 "
    "乡村振兴 城乡规划 医疗保障 就业创业 社会救助 养老服务 住房保障 交通运输 "
    "农村公路 水利工程 耕地保护 地质灾害 消防安全 道路交通安全 扫黑除恶 信访维稳 "
    "营商环境 招商引资 财政预算 政府采购 审计整改 统计调查 人才引进 公务员招录 "
    "事业单位招聘 职称评审 退役军人 残疾人保障 未成年人保护 妇女儿童 民族宗教 "
    "文化旅游 体育健身 卫生健康 药品监管 市场监管 知识产权 价格监测 粮食安全 "
    "生猪生产 茶产业 蔬菜种植 易地扶贫搬迁 危房改造 饮水安全 电网改造 通信基站 "
    "城市管理 垃圾分类 污水处理 大气污染防治 河长制 林长制 自然保护区 矿产资源 "
    "土地征收 房屋征收 不动产登记 户籍管理 社会保险 医疗救助 临时救助 特困供养 "
    "慈善捐赠 志愿服务 应急预案 应急演练 防灾减灾 气象服务 地震监测 森林资源 "
    "政务公开 政务服务 数字政府 行政审批 行政处罚 行政强制 行政复议 法治政府 "
    "普法宣传 人大代表建议 政协委员提案 重大建设项目 固定资产投资 园区建设 "
    "产业发展 中小企业 减税降费 金融服务 防范化解 校园安全 学前教育 职业教育 "
    "高中教育 教师队伍 疾病预防 爱国卫生 计划生育 老龄工作 殡葬改革 婚姻登记"
)
ACTIONS = _words("开展 加强 做好 推进 规范 印发 公布 调整 落实 部署 深化 实施")
GENRES = _words("通知 公告 意见 办法 方案 报告 决定 批复 通报 工作要点 实施细则")
NOUNS = _words(
    "工作 检查 整治 监督 管理 考核 评估 宣传 培训 排查 督查 验收 试点 补助 资金 "
    "名单 结果 情况 计划 标准 目录 清单 制度 机制 项目 任务 措施"
)
CATEGORIES = (
    "概况类",
    "计划总结类",
    "规范性文件",
    "工作动态类",
    "人事",
    "财政",
    "行政执法",
    "其他",
)
FIRST_YEAR, LAST_YEAR = 2015, 2024
VERSION = 1  # of the items made: a change of it makes the benchmark make them again


@dataclass(frozen=True)
class SyntheticItem:
    title: str
    summary: str
    body: str
    category: str
    article20_item: int | None
    document_number: str
    formed_on: date
    published_on: date


# Villages and communities: 1,600 names, each in a few items (the rare words).
_FIRST = "青 石 龙 凤 马 松 柏 杨 桃 李 梅 竹 清 水 山 河 沙 田 坪 坝"
_SECOND = "岩 坡 湾 寨 冲 堡 营 场 塘 溪 桥 林 洞 岭 坳 关 铺 屯 庄 园"
VILLAGES = tuple(
    f"{a}{b}{c}" for a in _words(_FIRST) for b in _words(_SECOND) for c in "村社组居"
)
ZIPF_EXPONENT = 0.8  # a few topics in many items, most in few


# The sentences of a body: an opening, numbered headings, sentences, a closing.
OPENINGS = (
    "为深入贯彻落实{topic}工作部署，进一步{action}{noun}{noun2}，结合本地实际，"
    "现将有关事项通知如下。",
    "根据上级关于{topic}的工作要求，为切实{action}{noun}，确保各项任务按期完成，"
    "制定本方案。",
    "近年来，我市{topic}工作取得积极成效，但{noun}{noun2}方面仍存在薄弱环节。"
    "为{action}{noun}，现就有关事项通知如下。",
)
HEADINGS = (
    "{action}{topic}{noun}",
    "明确{noun}{noun2}",
    "强化组织领导",
    "{action}{noun}{noun2}",
    "加强督促检查",
)
SENTENCES = (
    "{village}要{action}{noun}{noun2}，确保{topic}各项任务落到实处",
    "各乡镇（街道）要高度重视{topic}工作，切实{action}{noun}",
    "对{village}排查发现的问题，要建立{noun}{noun2}台账，限期整改到位",
    "{action}{noun}{noun2}，逐步形成{topic}长效机制",
    "牵头单位要会同有关部门{action}{noun}，每月报送{noun2}情况",
    "{village}的{noun}经费由财政统筹安排，专款专用，不得挤占挪用",
    "对工作不力、{noun}不到位的，依规依纪严肃追究责任",
    "要通过政府网站、政务新媒体等渠道{action}{noun}，接受群众监督",
)
CLOSINGS = (
    "特此通知。",
    "请各单位认真贯彻执行。执行中遇到的问题，请及时向牵头单位反映。",
    "本方案自印发之日起施行。",
)
NUMERALS = tuple("一二三四五六")


class Generator:
    """Items made from the vocabulary above: a main topic in the title, a second
    in the summary, villages and a third in the body; topics on a long tail."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.cumulative = list(
            accumulate(rank**-ZIPF_EXPONENT for rank in range(1, len(TOPICS) + 1))
        )

    def topic(self) -> str:
        drawn = self.rng.random() * self.cumulative[-1]
        return TOPICS[bisect(self.cumulative, drawn)]

    def _body(self, topic: str) -> str:
        """The text of a notice as agencies write them: an opening that names the
        topic, numbered parts of a few sentences each, a closing; 200 to 900
        characters (about 450), like a short 通知 or 方案."""
        rng = self.rng
        parts = [rng.choice(OPENINGS).format(topic=topic, **self._words())]
        for number in NUMERALS[: rng.randint(3, 6)]:
            heading = rng.choice(HEADINGS).format(topic=self.topic(), **self._words())
            sentences = [
                rng.choice(SENTENCES).format(topic=topic, **self._words())
                for _ in range(rng.randint(2, 4))
            ]
            parts.append(f"{number}、{heading}。" + "；".join(sentences) + "。")
        parts.append(rng.choice(CLOSINGS))
        return "\n".join(parts)

    def _words(self) -> dict[str, str]:
        rng = self.rng
        return {
            "village": rng.choice(VILLAGES),
            "action": rng.choice(ACTIONS),
            "noun": rng.choice(NOUNS),
            "noun2": rng.choice(NOUNS),
        }

    def item(self, serial: int) -> SyntheticItem:
        rng = self.rng
        place, topic = rng.choice(PLACES), self.topic()
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        formed = date(year, 1, 1) + timedelta(days=rng.randint(0, 330))
        genre = rng.choice(GENRES)
        numbered = genre in {"通知", "意见", "办法", "决定", "批复"}
        noun = rng.choice(NOUNS)
        return SyntheticItem(
            title=f"{place}关于{rng.choice(ACTIONS)}{topic}{noun}的{genre}",
            summary=f"{place}{rng.choice(ACTIONS)}{self.topic()}{rng.choice(NOUNS)}。",
            body=self._body(topic),
            category=rng.choice(CATEGORIES),
            article20_item=rng.randint(1, 15) if rng.random() < 0.6 else None,
            document_number=f"黔府发〔{year}〕{serial % 997 + 1}号" if numbered else "",
            formed_on=formed,
            published_on=formed + timedelta(days=rng.randint(0, 30)),
        )

    def items(self, count: int) -> Iterator[SyntheticItem]:
        for serial in range(count):
            yield self.item(serial)


# Queries a person would type, rare to common, one and two words, some filtered.
QUERIES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("安全生产", {}),
    ("疫情防控", {"year": 2021}),
    ("最低生活保障", {}),
    ("森林防火 兴义市", {}),
    ("地质灾害", {}),
    ("营商环境 通知", {}),
    ("公务员招录", {}),
    ("城乡规划", {"category": "规范性文件"}),
    ("垃圾分类", {}),
    ("河长制 方案", {}),
    ("殡葬改革", {}),
    ("婚姻登记", {"year": 2019}),
    ("青岩村", {}),
    ("马场", {}),
    ("安全生产 疫情防控", {}),  # common apart, never in one title: the planner's trap
)


# -- writing a million of them -----------------------------------------------------

INSERT_BATCH = 5000


def corpus_insert(
    agencies: list[Agency],
    *,
    count: int,
    seed: int,
    progress: Callable[[str], None] = print,
) -> None:
    """``count`` published items made by ``Generator(seed)``, dealt over ``agencies``
    in turn, through the cursor: the ORM's bulk_create spends five times as long
    preparing a million rows as the database does storing them."""
    insert = _ItemInsert()
    if connection.vendor == "sqlite":  # room for the indexes while they grow
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    rows = []
    for serial, made in enumerate(Generator(seed=seed).items(count)):
        rows.append(insert.row(agencies[serial % len(agencies)], serial, made))
        if len(rows) == INSERT_BATCH:
            insert.execute(rows)
            rows = []
            if (serial + 1) % 100_000 == 0:
                progress(f"已生成 {serial + 1:,} 条")
    insert.execute(rows)


class _ItemInsert:
    """An INSERT of every column of ``catalog_item``: the model's defaults, with
    what a synthetic item says in place of them."""

    def __init__(self) -> None:
        now = timezone.now()
        self.fields = [f for f in Item._meta.concrete_fields if not f.primary_key]
        self.defaults = {
            f.attname: now
            if f.name in ("created_at", "updated_at")
            else f.get_default()
            for f in self.fields
        }
        self.defaults["status"] = ItemStatus.PUBLISHED
        columns = ", ".join(
            connection.ops.quote_name(str(f.column)) for f in self.fields
        )
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {Item._meta.db_table} ({columns}) VALUES ({marks})"

    def row(self, agency: Agency, serial: int, made: SyntheticItem) -> list[Any]:
        values = {
            **self.defaults,
            "agency_id": agency.pk,
            "index_number": f"{agency.credit_code}/{made.formed_on.year}-{serial:07d}",
            "title": made.title,
            "summary": made.summary,
            "body": made.body,
            "publisher": agency.name,
            "category": made.category,
            "article20_item": made.article20_item,
            "document_number": made.document_number,
            "formed_on": made.formed_on,
            "published_on": made.published_on,
        }
        return [f.get_db_prep_save(values[f.attname], connection) for f in self.fields]

    def execute(self, rows: list[list[Any]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, rows)
