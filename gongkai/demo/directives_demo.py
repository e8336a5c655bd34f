"""The demo's 督办: 黔西南州's supervisor directs 青溪县人民政府 on its longest
overdue application (open, awaiting the answer) and on its 2025 annual report,
published after 31 March (answered and closed); and the login of 青溪县's office
head, who answers them (``demo-qingxi``, the demo staff password).

Idempotent: a directive already issued on the same subject is left as it is. Made
through the services, as a supervisor and the unit would, so each step has its
event. Nothing is issued when the demo holds no overdue application of 青溪县 (a
load of the seed parts only).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.applications.selectors import applications_with_running_clock
from gongkai.directives.models import Directive, DirectiveKind
from gongkai.directives.services import (
    directive_answer,
    directive_close,
    directive_issue,
)
from gongkai.workdays.selectors import work_calendar

from .region import QINGXI_GOVERNMENT

SUPERVISOR = "demo-supervisor"
UNIT_HEAD = ("demo-qingxi", "gongkai-demo")
REPORT_YEAR = 2025
ANSWER_WORKDAYS = 5


def directives_demo_ensure(agencies: dict[str, Agency]) -> int:
    """Issue the demo's two directives if they are not there; how many were
    issued."""
    unit = agencies.get(QINGXI_GOVERNMENT)
    supervisor = User.objects.filter(username=SUPERVISOR).first()
    if unit is None or supervisor is None:
        return 0
    head = _unit_head(unit)
    today = timezone.localdate()
    respond_by = work_calendar().nth_after(today, ANSWER_WORKDAYS)
    issued = 0
    overdue = (
        applications_with_running_clock(agency_ids=[unit.pk])
        .filter(due_on__lt=today)
        .order_by("due_on", "tracking_number")
        .first()
    )
    if overdue is not None and not Directive.objects.filter(application=overdue):
        directive_issue(
            acting_user=supervisor,
            agency=unit,
            kind=DirectiveKind.APPLICATION,
            target=overdue,
            text=(
                f"你单位受理的政府信息公开申请（编号{overdue.tracking_number}）"
                "已超过法定答复期限，请立即依法答复申请人，说明逾期原因和整改措施，"
                "并于答复期限前报送办理情况。"
            ),
            respond_by=respond_by,
        )
        issued += 1
    if overdue is not None and not Directive.objects.filter(
        agency=unit, kind=DirectiveKind.REPORT, report_year=REPORT_YEAR
    ):
        _report_directive(unit, supervisor, head, respond_by)
        issued += 1
    return issued


def _report_directive(
    unit: Agency, supervisor: User, head: User, respond_by: date
) -> None:
    """A directive on the 2025 report, answered by the unit and closed."""
    directive = directive_issue(
        acting_user=supervisor,
        agency=unit,
        kind=DirectiveKind.REPORT,
        target=REPORT_YEAR,
        text=(
            f"你单位{REPORT_YEAR}年度政府信息公开工作年度报告未在3月31日前公布"
            "（《中华人民共和国政府信息公开条例》第四十九条），请说明原因并报送整改情况。"
        ),
        respond_by=respond_by,
    )
    directive_answer(
        acting_user=head,
        directive=directive,
        text=(
            f"本单位{REPORT_YEAR}年度报告因统计口径调整未能按时公布，现已公布。"
            "今后将于每年1月启动编制，确保按时公布。"
        ),
    )
    directive_close(
        acting_user=supervisor, directive=directive, note="已公布，整改到位。"
    )


def _unit_head(unit: Agency) -> User:
    """青溪县人民政府's office head, with the demo staff password."""
    username, password = UNIT_HEAD
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"first_name": "县政府办", "last_name": "青溪"},
    )
    user.role = User.Role.OFFICE_HEAD
    user.agency = unit
    if not user.check_password(password):
        user.set_password(password)
    user.save()
    return user
