"""The register of reviews and lawsuits (复议诉讼登记簿) as an XLSX workbook: the rows
the register page shows, with its filters, in the columns an office keeps. The
workbook itself is the shared register writer's (``register_export``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse

from gongkai.cases.models import Case, Result
from gongkai.cases.selectors import KIND_NAMES
from gongkai.cases.services import case_kind
from gongkai.cases.workflow import STAGE_NAMES

from .register_export import Column, xlsx_response


def result_text(case: Case) -> str:
    """维持 / 纠正 / 其他, or 尚未审结, as table 四 names them."""
    if not case.result:
        return "尚未审结"
    return str(Result(case.result).label)


def procedure_text(case: Case) -> str:
    """A review's procedure; a lawsuit's instance and route."""
    if case_kind(case) == "review":
        return "简易程序" if getattr(case, "simplified", False) else "普通程序"
    route = "复议后起诉" if getattr(case, "after_review", False) else "直接起诉"
    return f"{case.get_instance_display()}·{route}"  # type: ignore[attr-defined]


COLUMNS: tuple[Column, ...] = (
    Column("类别", lambda c: KIND_NAMES[case_kind(c)], 10),
    Column("案号", lambda c: c.number, 22, wrap=True),
    Column("复议机关或法院", lambda c: c.body, 24, wrap=True),
    Column("被申请人或被告", lambda c: c.agency.name, 22, wrap=True),
    Column(
        "涉及申请",
        lambda c: c.application.tracking_number if c.application else "",
        18,
    ),
    Column("程序或审级", procedure_text, 14),
    Column("立案日期", lambda c: c.filed_on),
    Column("收到副本日期", lambda c: c.served_on),
    Column("答复期限", lambda c: c.answer_due),
    Column("答复日期", lambda c: c.answered_on),
    Column("审理日期", lambda c: c.hearing_on),
    Column("阶段", lambda c: STAGE_NAMES[c.stage]),
    Column("结果", result_text, 10),
    Column("审结日期", lambda c: c.concluded_on),
)


def register_response(
    cases: Iterable[Case], *, title: str, subtitle: str, filename: str
) -> HttpResponse:
    return xlsx_response(
        COLUMNS, cases, title=title, subtitle=subtitle, filename=filename
    )
