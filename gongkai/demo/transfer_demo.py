"""The demo's 转办: two applications that came to 兴义市 departments and belong to
兴义市应急管理局 (where the demo login works).

- 兴义市民政局 received one on the 地质灾害 relocation of a village and sent it
  on: it waits for the 应急局's 签收 (the dashboard's 转办待签收 card);
- 兴义市财政局 received one on the 2026 flood-relief funds; the 应急局 signed for
  it, with its own receipt day and clock, and answered it.

Dates are counted back from today (the demo runs in December 2026). Idempotent: an
application with the demo's tracking number is left as it is. Made through the
services, as the agencies would (the sending agencies have no login: the system
acts for them), so each step has its event.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.applications import services
from gongkai.applications.models import Application, Transfer
from gongkai.applications.services.transfer import transfer_accept

from .dates import workday_on_or_before
from .region import XINGYI_EMERGENCY

CIVIL_AFFAIRS = "xingyi-civil-affairs"
FINANCE = "xingyi-finance"
STAFF = "demo"  # the demo login (loader.DEMO_STAFF), at 兴义市应急管理局
WAITING = "YSQ-ZB-000001"
ANSWERED = "YSQ-ZB-000002"


def _workdays_before(day: date, count: int) -> date:
    day = workday_on_or_before(day)
    while count > 0:
        day = workday_on_or_before(day - timedelta(days=1))
        count -= 1
    return day


def transfer_demo_ensure(agencies: dict[str, Agency]) -> int:
    """Make the demo's two transfers if they are not there; how many were made."""
    competent = agencies.get(XINGYI_EMERGENCY)
    civil_affairs, finance = agencies.get(CIVIL_AFFAIRS), agencies.get(FINANCE)
    if competent is None or civil_affairs is None or finance is None:
        return 0
    staff = User.objects.filter(username=STAFF, agency=competent).first()
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        if not Application.objects.filter(tracking_number=WAITING).exists():
            _waiting(civil_affairs, competent, today)
            made += 1
        if not Application.objects.filter(tracking_number=ANSWERED).exists():
            _answered(finance, competent, staff, today)
            made += 1
    return made


def _sent(
    sender: Agency,
    competent: Agency,
    *,
    tracking_number: str,
    received_on: date,
    sent_on: date,
    name: str,
    description: str,
    note: str,
) -> Transfer:
    application = services.application_register(
        acting_user=None,
        agency=sender,
        received_on=received_on,
        channel="letter",
        signed_for=True,
        tracking_number=tracking_number,
        applicant=services.ApplicantDetails(name=name, applicant_type="natural_person"),
        description=description,
    )
    services.application_transfer(
        acting_user=None,
        application=application,
        closed_on=sent_on,
        to_agency=competent,
        note=note,
    )
    return Transfer.objects.get(application=application)


def _waiting(sender: Agency, competent: Agency, today: date) -> None:
    _sent(
        sender,
        competent,
        tracking_number=WAITING,
        received_on=_workdays_before(today, 6),
        sent_on=_workdays_before(today, 2),
        name="罗德明",
        description=(
            "请公开2026年我村（兴义市某镇某村）地质灾害隐患点搬迁避让的"
            "认定文件和搬迁安置补助标准。"
        ),
        note=(
            "地质灾害隐患点的认定和搬迁避让由应急管理部门负责，本局不掌握"
            "相关信息，请贵局签收办理。申请人已告知。"
        ),
    )


def _answered(
    sender: Agency, competent: Agency, staff: User | None, today: date
) -> None:
    received_on = _workdays_before(today, 30)
    sent_on = _workdays_before(today, 27)
    accepted_on = _workdays_before(today, 25)
    transfer = _sent(
        sender,
        competent,
        tracking_number=ANSWERED,
        received_on=received_on,
        sent_on=sent_on,
        name="黄晓雯",
        description="请公开2026年6月洪涝灾害救灾资金的分配方案和各乡镇的拨付明细。",
        note="救灾资金的分配方案由应急管理部门会同制定并公开，请贵局签收办理。",
    )
    ours = transfer_accept(
        acting_user=staff, transfer=transfer, accepted_on=accepted_on
    )
    services.application_decide(
        acting_user=staff,
        application=ours,
        outcome="disclosed",
        closed_on=_workdays_before(today, 12),
    )
