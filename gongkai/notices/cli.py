"""The notices' command: ``gongkai notices send`` (the safety net under the queue).

The daily ``gongkai remind`` also reminds applicants of 补正 and payment deadlines
and sends what is due (``on_remind``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import click


@click.group("notices")
def notices() -> None:
    """给申请人的短信和邮件通知。"""


@notices.command("send")
def send() -> None:
    """发送到期的通知：待重试的、未能排入队列的和发送中断的。

    通知本由后台任务发送；本命令是兜底，可由 cron 每隔几分钟运行一次。
    已发送的通知不会重复发送；尝试 GONGKAI_NOTICE_ATTEMPTS 次仍失败的通知
    显示在承办人的工作台上。
    """
    from .tasks import notices_send_due

    click.echo(f"已尝试发送 {notices_send_due()} 条通知。")


def on_remind(sender: Any, *, day: date, agency_ids: Any = None, **_: Any) -> str:
    """The receiver of ``applications.reminders.remind_run``: remind applicants
    whose 补正 or payment deadline is near, then send what is due."""
    from .services import reminders_send
    from .tasks import notices_send_due

    reminded = reminders_send(day=day, agency_ids=agency_ids)
    tried = notices_send_due()
    return f"已向申请人发出 {len(reminded)} 条期限提醒；补发 {tried} 条到期通知。"


COMMANDS = [notices]
