"""The catalogue's one category scheme (信息类别, the 主动公开基本目录), pure.

Every agency's 主动公开基本目录 is the 通用目录 below, shared by all, followed by the
agency's own 专项目录 (``Category`` rows with its agency; staff or an import add
them, the admin edits them). Items, the catalogue's filter and the 指南 read this one
list (``gongkai.catalog.selectors.categories_for``).

The 通用目录 follows 《中华人民共和国政府信息公开条例》第二十条, the fifteen kinds of
information every administrative organ publishes, which 国办公开办函〔2019〕61号
(《关于规范政府信息公开平台有关事项的通知》) makes the 法定主动公开内容 column of every
agency's 政府信息公开专栏; then the columns every agency keeps beside them (工作动态,
政策解读, 政府信息公开). ``aliases`` are names older schemes used for the same
category; catalog migration 0006 renamed them.
"""

from __future__ import annotations

from dataclasses import dataclass

# 《政府信息公开条例》第二十条, item by item (as the 专栏 names them).
ARTICLE20: dict[int, str] = {
    1: "行政法规、规章和规范性文件",
    2: "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    3: "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    4: "国民经济和社会发展统计信息",
    5: "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    6: "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会"
    "影响的行政处罚决定",
    7: "财政预算、决算信息",
    8: "行政事业性收费项目及其依据、标准",
    9: "政府集中采购项目的目录、标准及实施情况",
    10: "重大建设项目的批准和实施情况",
    11: "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    12: "突发公共事件的应急预案、预警信息及应对情况",
    13: "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    14: "公务员招考的职位、名额、报考条件等事项以及录用结果",
    15: "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
}

CHINESE_NUMERALS = "一二三四五六七八九十"


def article20_label(number: int) -> str:
    """（一）…（十五）: how the article numbers its items."""
    tens, units = divmod(number, 10)
    text = ("十" if tens else "") + (CHINESE_NUMERALS[units - 1] if units else "")
    return f"（{text or '十'}）"


@dataclass(frozen=True)
class CategorySpec:
    name: str
    article20: int | None = None
    aliases: tuple[str, ...] = ()


# The 通用目录, in the order the 专栏 shows it.
COMMON: tuple[CategorySpec, ...] = (
    CategorySpec("机构职能", 2, ("概况类", "机构概况", "机构信息")),
    CategorySpec("政策文件", 1, ("规范性文件", "法规文件", "法规公文")),
    CategorySpec("规划计划", 3, ("计划总结类", "规划信息", "发展规划")),
    CategorySpec("统计信息", 4, ("统计数据",)),
    CategorySpec("行政许可", 5, ("政务服务", "办事指南")),
    CategorySpec("行政处罚", 6, ("行政执法",)),
    CategorySpec("行政强制", 6),
    CategorySpec("财政信息", 7, ("财政", "财政预决算", "预决算")),
    CategorySpec("收费信息", 8, ("行政事业性收费",)),
    CategorySpec("政府采购", 9),
    CategorySpec("重大建设项目", 10),
    CategorySpec("民生保障", 11, ("社会保障",)),
    CategorySpec("应急管理", 12, ("突发事件",)),
    CategorySpec("监督检查", 13),
    CategorySpec("人事信息", 14, ("人事", "公务员招考")),
    CategorySpec("工作动态", None, ("工作动态类",)),
    CategorySpec("政策解读", None, ("解读",)),
    CategorySpec("政府信息公开", None, ("信息公开",)),
    CategorySpec("其他", None, ("其他类",)),
)

COMMON_NAMES: frozenset[str] = frozenset(spec.name for spec in COMMON)
ALIASES: dict[str, str] = {
    alias: spec.name for spec in COMMON for alias in spec.aliases
}


def canonical(name: str) -> str:
    """The 通用目录's name for ``name`` when it is one of its older names; else
    ``name`` itself (an agency's own category, or nothing)."""
    name = name.strip()
    return ALIASES.get(name, name)
