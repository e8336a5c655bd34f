"""The figures an agency attests because another system holds the records.

Each key names one figure of the national formats (第二十条 items (五), (六), (八),
(九) of table 二). A provincial format may declare more keys of its own in its
data file (``attested:``); those are merged in by ``gongkai.reports.formats``.
"""

from typing import NamedTuple


class AttestedKey(NamedTuple):
    label: str
    unit: str


NATIONAL_KEYS: dict[str, AttestedKey] = {
    "licensing.items_last_year": AttestedKey("行政许可：上一年项目数量", "项"),
    "licensing.items_change": AttestedKey("行政许可：本年增/减", "项"),
    "licensing.decisions": AttestedKey("行政许可：处理决定数量", "件"),
    "other_services.items_last_year": AttestedKey(
        "其他对外管理服务事项：上一年项目数量", "项"
    ),
    "other_services.items_change": AttestedKey("其他对外管理服务事项：本年增/减", "项"),
    "other_services.decisions": AttestedKey("其他对外管理服务事项：处理决定数量", "件"),
    "penalty.items_last_year": AttestedKey("行政处罚：上一年项目数量", "项"),
    "penalty.items_change": AttestedKey("行政处罚：本年增/减", "项"),
    "penalty.decisions": AttestedKey("行政处罚：处理决定数量", "件"),
    "coercion.items_last_year": AttestedKey("行政强制：上一年项目数量", "项"),
    "coercion.items_change": AttestedKey("行政强制：本年增/减", "项"),
    "coercion.decisions": AttestedKey("行政强制：处理决定数量", "件"),
    "fees.items_last_year": AttestedKey("行政事业性收费：上一年项目数量", "项"),
    "fees.items_change": AttestedKey("行政事业性收费：本年增/减", "项"),
    "fees.amount": AttestedKey("行政事业性收费：本年收费金额", "万元"),
    "procurement.projects": AttestedKey("政府集中采购：采购项目数量", "项"),
    "procurement.amount": AttestedKey("政府集中采购：采购总金额", "万元"),
}
