"""A report's quality score: 100 points over six rules, each explained.

The rules and their weights are documented in docs/reference/quality-score.md,
one section per rule; ``RULES`` below is that page in code. A score is computed
from what the import found (the report's ``ReportData`` and format, which tables
the document printed, when it was published) and from what comparing it with
other reports found (its highest similarity to another report).

Pure Python: no Django; the deadline for reports on years before 2019 is passed
in (``GONGKAI_IMPORT_DEADLINE_BEFORE_2019``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.reports.data import ReportData
from gongkai.reports.formats import Format

GRACE_DAYS = 30  # late by at most this many days still earns part of the points
PARTLY_COPIED = 0.8  # similarity from which a report earns half of Q.original


@dataclass(frozen=True)
class RuleScore:
    id: str
    title: str
    points: int  # the most the rule gives
    earned: float
    detail: str  # why, in Chinese


@dataclass
class Quality:
    rules: list[RuleScore] = field(default_factory=list)

    @property
    def total(self) -> int:
        return round(sum(r.earned for r in self.rules))

    @property
    def points(self) -> int:
        return sum(r.points for r in self.rules)


@dataclass(frozen=True)
class Context:
    """What the score needs besides the report itself."""

    tables_found: dict[str, bool]
    published_on: date | None
    government: bool
    copied: float | None  # the highest similarity to another report, if compared
    copy_threshold: float = 0.9
    deadline_before_2019: str = "03-31"


def score(report: ReportData, fmt: Format, context: Context) -> Quality:
    return Quality(
        [
            _sections(report, fmt),
            _tables(context, fmt),
            _filled(report, fmt, context),
            _checks(report),
            _on_time(report, context),
            _original(context),
        ]
    )


def deadline(year: int, government: bool, before_2019: str = "03-31") -> date:
    """When the report on ``year`` is due: departments of governments at county
    level and above by 31 January, the governments themselves by 31 March
    (《政府信息公开条例》第四十九条, reports from 2019 on); before, the date of
    ``GONGKAI_IMPORT_DEADLINE_BEFORE_2019`` (2007 条例第三十一条, UNVERIFIED)."""
    if year < 2019:
        month, day = (int(part) for part in before_2019.split("-"))
        return date(year + 1, month, day)
    return date(year + 1, 3, 31) if government else date(year + 1, 1, 31)


def _sections(report: ReportData, fmt: Format) -> RuleScore:
    wanted = [s for s in fmt.sections if s.narrative]
    keys = {s.key for s in report.sections if s.key and s.text.strip()}
    present = [s for s in wanted if s.narrative in keys]
    missing = "、".join(s.heading for s in wanted if s.narrative not in keys)
    detail = f"应有的 {len(wanted)} 个叙述部分有 {len(present)} 个" + (
        f"；缺少：{missing}" if missing else ""
    )
    return RuleScore(
        "Q.sections", "章节齐全", 20, 20 * len(present) / max(1, len(wanted)), detail
    )


def _tables(context: Context, fmt: Format) -> RuleScore:
    found = [t for t, ok in context.tables_found.items() if ok]
    missing = "、".join(t for t, ok in context.tables_found.items() if not ok)
    detail = f"格式要求的 {len(fmt.tables)} 张表印出了 {len(found)} 张" + (
        f"；缺少：{missing}" if missing else ""
    )
    return RuleScore(
        "Q.tables", "表格齐全", 20, 20 * len(found) / max(1, len(fmt.tables)), detail
    )


def _filled(report: ReportData, fmt: Format, context: Context) -> RuleScore:
    tables = {t for t, ok in context.tables_found.items() if ok}
    cells = [c for c in report.cells.values() if c.ref.table in tables]
    if not cells:
        return RuleScore("Q.filled", "表格填写完整", 10, 0, "没有可核对的表格")
    filled = sum(1 for c in cells if c.value is not None)
    return RuleScore(
        "Q.filled",
        "表格填写完整",
        10,
        10 * filled / len(cells),
        f"印出的表格共 {len(cells)} 个单元格，填写了 {filled} 个（空白不等于 0）",
    )


def _checks(report: ReportData) -> RuleScore:
    findings = [f for f in report.findings if not f.rule.startswith("IMPORT.")]
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    earned = max(0, 25 - 5 * errors - warnings)
    detail = (
        "全部校验通过"
        if not findings
        else f"校验发现 {errors} 个错误、{warnings} 个警告"
        "（每个错误扣 5 分，每个警告扣 1 分）"
    )
    return RuleScore("Q.checks", "勾稽关系和校验", 25, earned, detail)


def _on_time(report: ReportData, context: Context) -> RuleScore:
    due = deadline(report.year, context.government, context.deadline_before_2019)
    published = context.published_on
    if published is None:
        return RuleScore(
            "Q.on_time", "按时发布", 15, 0, f"发布日期不详（应于 {due} 前发布）"
        )
    if published <= due:
        return RuleScore(
            "Q.on_time", "按时发布", 15, 15, f"{published} 发布，不晚于 {due}"
        )
    late = (published - due).days
    earned = 5 if published <= due + timedelta(days=GRACE_DAYS) else 0
    return RuleScore(
        "Q.on_time", "按时发布", 15, earned, f"{published} 发布，比 {due} 晚 {late} 天"
    )


def _original(context: Context) -> RuleScore:
    copied = context.copied
    if copied is None:
        return RuleScore("Q.original", "内容不雷同", 10, 10, "没有可比较的其他报告")
    percent = f"{copied:.0%}"
    if copied >= context.copy_threshold:
        return RuleScore(
            "Q.original",
            "内容不雷同",
            10,
            0,
            f"与另一份报告的文字相似度达 {percent}，疑似照抄",
        )
    earned = 5 if copied >= PARTLY_COPIED else 10
    return RuleScore(
        "Q.original",
        "内容不雷同",
        10,
        earned,
        f"与其他报告的最高文字相似度为 {percent}",
    )
