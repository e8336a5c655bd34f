"""The commands of disclosure on application: ``gongkai remind`` (daily) and
``gongkai workdays due`` (the reply clock worked out from dates on the command line).

``due`` is added to the ``workdays`` group, where staff look for date arithmetic;
it lives here because the reply clock's rules are this room's.
"""

from __future__ import annotations

import json
from datetime import date

import click
from django.dispatch import Signal

from gongkai.workdays.cli import DATE, workdays

# Sent by ``gongkai remind`` with ``day``, ``agency_ids`` and ``mail``: rooms whose
# own deadlines the agency's staff must be reminded of (gongkai.cases) return the
# text to print, and send their mails when ``mail``.
remind_listed = Signal()


class PauseType(click.ParamType):
    """A pause written FROM:TO (TO left empty while it lasts)."""

    name = "FROM:TO"

    def convert(self, value, param, ctx):
        from .clock import Pause, PauseKind

        start, sep, end = str(value).partition(":")
        if not sep:
            self.fail(f"“{value}”应写成 开始日期:结束日期，如 2024-10-10:2024-10-15。")
        first = DATE.convert(start, param, ctx)
        last = DATE.convert(end, param, ctx) if end else None
        if last is not None and last < first:
            self.fail(f"暂停“{value}”的结束日期早于开始日期。")
        return Pause(PauseKind.OTHER, first, last)


@workdays.command("due")
@click.option(
    "--received", type=DATE, required=True, help="收到申请之日（第三十一条）。"
)
@click.option("--corrected", type=DATE, help="收到补正后的申请之日（第三十条）。")
@click.option(
    "--pause",
    "pauses",
    type=PauseType(),
    multiple=True,
    help="不计入期限的暂停，如征求意见（第三十三条第三款），可重复。",
)
@click.option(
    "--extend",
    type=click.IntRange(0, 20),
    default=0,
    help="延长的工作日数（第三十三条第二款，最多 20）。",
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：due 和 steps。")
def due(
    received: date,
    corrected: date | None,
    pauses: tuple,
    extend: int,
    as_json: bool,
) -> None:
    """计算政府信息公开申请的答复期限，并逐行说明计算过程。"""
    from django.conf import settings

    from gongkai.workdays.selectors import work_calendar

    from .clock import ClockInput, explain, reckon

    if corrected is not None and corrected < received:
        raise click.BadParameter(
            "收到补正的日期不能早于收到申请之日。", param_hint="--corrected"
        )
    calendar = work_calendar()
    reckoning = reckon(
        ClockInput(
            received_on=received,
            corrected_on=corrected,
            pauses=tuple(pauses),
            extension_days=extend,
            count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY,
        ),
        calendar,
    )
    steps = explain(reckoning, calendar)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "due": reckoning.due.isoformat() if reckoning.due else None,
                    "state": reckoning.state.value,
                    "provisional": reckoning.provisional,
                    "calendar_version": calendar.version,
                    "steps": [step.as_dict() for step in steps],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    due_text = reckoning.due.isoformat() if reckoning.due else "暂停中，尚未确定"
    click.echo(f"答复期限：{due_text}")
    for number, step in enumerate(steps, start=1):
        article = f"（{step.article}）" if step.article else ""
        click.echo(f"  {number}. {step.text}{article}")


@click.command("remind")
@click.option(
    "--date", "day", type=DATE, default=None, help="按哪一天提醒（默认今天）。"
)
@click.option(
    "--agency", "agency_text", default=None, help="只提醒这个机构（代码或名称）。"
)
@click.option("--no-mail", is_flag=True, help="只列出，不发送邮件。")
def remind(day: date | None, agency_text: str | None, no_mail: bool) -> None:
    """每日提醒：列出并邮件通知 5 个工作日内、1 个工作日内到期和已逾期的申请。

    按承办人和政府信息公开工作机构分组；承办人收到自己的，机构负责人收到全部。

    暂停计算的申请（补正、征求意见、待缴费）不会逾期，不在提醒之列。

    同时按机构列出 5 个工作日内到期和已逾期的行政复议答复、行政诉讼答辩。
    """
    from django.utils import timezone

    from .reminders import (
        digest_text,
        grouped,
        person,
        remind_run,
        reminder_mails,
        reminders_on,
    )

    day = day or timezone.localdate()
    agency_ids = [_agency(agency_text).pk] if agency_text else None
    reminders = reminders_on(day, agency_ids=agency_ids)
    _others_remind(day, agency_ids, mail=not no_mail)
    if not no_mail:  # the applicants' reminders and notices (gongkai.notices)
        for _receiver, said in remind_run.send(None, day=day, agency_ids=agency_ids):
            if said:
                click.echo(said, err=True)
    if not reminders:
        click.echo(f"{day.isoformat()}：没有需要提醒的申请。")
        return
    for agency, buckets in sorted(
        grouped(reminders, "agency").items(), key=lambda x: x[0].name
    ):
        click.echo(digest_text(f"【{agency.name}】", buckets))
    for handler, buckets in grouped(reminders, "handler").items():
        click.echo(digest_text(f"【承办人：{person(handler)}】", buckets))
    if no_mail:
        return
    mails = reminder_mails(reminders, day)
    for mail in mails:
        mail.send()
    click.echo(f"已发送 {len(mails)} 封提醒邮件。", err=True)


def _others_remind(day: date, agency_ids: list[int] | None, *, mail: bool) -> None:
    """Other rooms' deadlines of the agency (the answers to reviews and lawsuits,
    gongkai.cases): each receiver returns its lines, and mails when ``mail``."""
    for _receiver, said in remind_listed.send(
        None, day=day, agency_ids=agency_ids, mail=mail
    ):
        if said:
            click.echo(said)


def _agency(text: str):
    from gongkai.agencies.selectors import AgencyNotFound, agency_named

    try:
        return agency_named(text)
    except AgencyNotFound as exc:
        raise click.ClickException(str(exc)) from None


@click.group("applications")
def applications() -> None:
    """依申请公开：申请人个人信息的保存期限等。"""


@applications.command("anonymise")
@click.option(
    "--date", "day", type=DATE, default=None, help="按哪一天计算保存期限（默认今天）。"
)
@click.option("--dry-run", is_flag=True, help="只列出将匿名化的申请，不作修改。")
def anonymise(day: date | None, dry_run: bool) -> None:
    """匿名化办结已超过保存期限的申请中的申请人个人信息。

    保存期限为 GONGKAI_APPLICANT_RETENTION_YEARS 年（个人信息保护法第十九条）：
    办结日期早于该期限的申请，申请人姓名改为“已匿名”，证件号码、电话、电子邮箱、
    通信地址和邮政编码清空；申请人类型、办理结果和日期保留，年度报告不变。
    每件申请记一条事件（系统操作）；重复运行不会重复处理。
    """
    from django.utils import timezone

    from .services import applications_anonymise

    result = applications_anonymise(
        acting_user=None, today=day or timezone.localdate(), dry_run=dry_run
    )
    verb = "将匿名化" if dry_run else "已匿名化"
    cutoff = result.cutoff.isoformat()
    click.echo(
        f"{verb} {len(result.applications)} 件申请（{cutoff} 之前办结）"
        f"和 {result.applicants} 位申请人的个人信息。"
    )
    for number in result.applications:
        click.echo(f"  {number}")


COMMANDS = [remind, applications]
