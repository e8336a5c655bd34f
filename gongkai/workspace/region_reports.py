"""The compile-and-publish status of a region's reports, as a supervisor reads it
(seed 004's 附件2, 县(市、区)政府信息公开工作年度报告编制公布情况统计表: 单位名称,
编制, 公布日期, 备注).

The region's own report comes first; then each unit: one that keeps its ledger
here by its own report's state, one outside gongkai by its imported published
report, one with neither as not compiled. The deadlines are those of the
supervision page (``oversight.report_due_on``, 《政府信息公开条例》第四十九条).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.reports.region import UnitSource
from gongkai.reports.selectors import (
    RegionCompilation,
    region_compilation,
    report_versions,
)
from gongkai.reports.workflow import PUBLISHED, STATE_NAMES

from . import oversight


@dataclass(frozen=True)
class CompilationRow:
    name: str
    agency_id: int
    compiled: str  # 编制: 已完成, 编制中 …, 未编制
    published_on: date | None
    due_on: date
    remark: str  # 备注: 按时发布, 逾期发布, 未发布
    region: bool = False  # the government's report of the whole region
    imported: bool = False

    @property
    def late(self) -> bool:
        return self.remark in (LATE, NOT_PUBLISHED)


ON_TIME = "按时发布"
LATE = "逾期发布"
NOT_PUBLISHED = "未发布"
NOT_YET_DUE = "未发布（尚未到期）"


def _remark(published_on: date | None, due_on: date, today: date) -> str:
    if published_on is not None:
        return ON_TIME if published_on <= due_on else LATE
    return NOT_YET_DUE if today <= due_on else NOT_PUBLISHED


def compilation_rows(
    compilation: RegionCompilation,
    overview: list[oversight.UnitOverview],
    today: date,
    published_on: date | None = None,
) -> list[CompilationRow]:
    """The rows of the table: the region's report (published on
    ``published_on``, its first version's local date), then every unit."""
    year = compilation.year
    government = compilation.agency
    due = oversight.report_due_on(government.kind, year)
    rows = [
        CompilationRow(
            name=f"{government.name}（本地区汇总）",
            agency_id=government.pk,
            compiled=_compiled(compilation.state),
            published_on=published_on,
            due_on=due,
            remark=_remark(published_on, due, today),
            region=True,
        )
    ]
    statuses = {u.agency_id: u.report for u in overview}
    for unit in compilation.units:
        due = oversight.report_due_on(unit.agency.kind, year)
        if unit.source == UnitSource.IMPORTED and unit.contribution is not None:
            on = unit.contribution.published_on
            compiled, imported = "已完成（已导入的公开年报）", True
        elif unit.source == UnitSource.LEDGER and unit.agency.pk in statuses:
            status = statuses[unit.agency.pk]
            on, compiled, imported = status.published_on, _compiled(status.state), False
        else:
            on, compiled, imported = None, "未编制", False
        remark = _remark(on, due, today)
        if imported and on is None:
            remark = "已发布（发布日期不详）"
        rows.append(
            CompilationRow(
                name=unit.agency.name,
                agency_id=unit.agency.pk,
                compiled=compiled,
                published_on=on,
                due_on=due,
                remark=remark,
                imported=imported,
            )
        )
    return rows


def _compiled(state: str) -> str:
    return "已完成" if state in PUBLISHED else STATE_NAMES.get(state, "编制中")


def region_compilation_table(
    *, region: Agency, year: int, overview: list[oversight.UnitOverview], today: date
) -> list[CompilationRow]:
    """The table for the supervision page; empty for a region with no unit under
    it (nothing to compile) or a year no national format covers."""
    compilation = region_compilation(agency=region, year=year)
    if compilation is None:
        return []
    first = report_versions(agency=region, year=year, region=True).last()
    published_on = timezone.localtime(first.published_at).date() if first else None
    return compilation_rows(compilation, overview, today, published_on)
