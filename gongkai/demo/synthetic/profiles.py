"""Who the synthetic agencies are: their size and subject matter.

The odds their records are drawn with belong to the ledger apps' generators
(``county_*`` in ``gongkai.<app>.synthetic``).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.catalog.synthetic import Topic

from ..region import QINGXI_GOVERNMENT

COUNTY = "青溪县"  # whose archive and library receive the transfers


@dataclass(frozen=True)
class Profile:
    """The size and subject matter of one synthetic agency."""

    key: str
    tracking_prefix: str
    document_prefix: str
    items: int  # a year, in 2017
    applications: int  # a year, in 2017
    normative: int  # at most, a year
    topics: tuple[Topic, ...]
    address: str  # where its query points are


COMMON_TOPICS: tuple[Topic, ...] = (
    ("工作动态", "工作动态", None),
    ("机构职能及领导信息更新", "机构职能", 2),
    ("部门预算公开", "财政信息", 7),
    ("政府采购意向公开", "政府采购", 9),
    ("公开招聘工作人员公告", "人事信息", 14),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        key=QINGXI_GOVERNMENT,
        tracking_prefix="QXZF",
        document_prefix="青府发",
        items=420,
        applications=36,
        normative=6,
        address="县人民政府政务服务中心",
        topics=(
            *COMMON_TOPICS,
            ("国民经济和社会发展统计公报", "统计信息", 4),
            ("重大建设项目批准和实施情况", "重大建设项目", 10),
            ("巩固拓展脱贫攻坚成果工作进展", "乡村振兴", 11),
            ("突发事件预警信息", "应急管理", 12),
            ("征地补偿安置公告", "土地征收", None),
            ("县人民政府常务会议纪要", "会议信息", None),
        ),
    ),
    Profile(
        key="qingxi-education",
        tracking_prefix="QXJY",
        document_prefix="青教发",
        items=180,
        applications=12,
        normative=2,
        address="县教育局",
        topics=(
            *COMMON_TOPICS,
            ("义务教育招生入学政策", "招生入学", 11),
            ("学生资助资金发放情况", "学生资助", 11),
            ("校园安全专项检查情况", "校园安全", 13),
            ("教师资格认定公告", "行政许可", 5),
        ),
    ),
    Profile(
        key="qingxi-health",
        tracking_prefix="QXWJ",
        document_prefix="青卫健发",
        items=150,
        applications=9,
        normative=2,
        address="县卫生健康局",
        topics=(
            *COMMON_TOPICS,
            ("传染病疫情信息", "公共卫生", 12),
            ("医疗机构执业许可公告", "行政许可", 5),
            ("公共场所卫生监督检查结果", "公共卫生", 13),
            ("家庭医生签约服务进展", "医疗服务", 11),
        ),
    ),
    Profile(
        key="qingxi-natural-resources",
        tracking_prefix="QXZR",
        document_prefix="青自然资发",
        items=160,
        applications=18,
        normative=2,
        address="县自然资源局",
        topics=(
            *COMMON_TOPICS,
            ("国有建设用地使用权出让公告", "土地供应", 10),
            ("不动产登记办事指南", "不动产登记", 5),
            ("地质灾害隐患点排查情况", "地质灾害防治", 12),
            ("违法用地行政处罚决定", "行政处罚", 6),
        ),
    ),
    Profile(
        key="qingxi-market",
        tracking_prefix="QXSJ",
        document_prefix="青市监发",
        items=200,
        applications=14,
        normative=2,
        address="县市场监督管理局",
        topics=(
            *COMMON_TOPICS,
            ("食品安全监督抽检信息", "食品安全", 13),
            ("行政处罚决定信息", "行政处罚", 6),
            ("特种设备安全监督检查情况", "特种设备", 13),
            ("产品质量监督抽查结果", "产品质量", 13),
        ),
    ),
)
