"""The ``gongkai workdays`` commands: the calendar and working-day arithmetic.

``gongkai workdays due`` (the reply clock of an application) belongs to the
applications room, which adds it to this group (``gongkai/applications/cli.py``).
"""

from __future__ import annotations

from datetime import date, timedelta

import click

from .arithmetic import day_text, stretch_text


class DateType(click.ParamType):
    """A date written YYYY-MM-DD, refused in Chinese otherwise."""

    name = "DATE"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"“{value}”不是有效的日期，请写成 YYYY-MM-DD，如 2024-10-08。")


DATE = DateType()


@click.group("workdays")
def workdays() -> None:
    """工作日日历：节假日和调休上班日，以及工作日的推算。"""


@workdays.command("add")
@click.argument("day", type=DATE)
@click.argument("n", type=click.IntRange(min=0))
@click.option("--explain", is_flag=True, help="同时说明计入的工作日和跳过的节假日。")
def add(day: date, n: int, explain: bool) -> None:
    """输出 DAY 之后第 N 个工作日。

    DAY 当日不计入；N 为 0 时输出 DAY 当日（是工作日时）或其后第一个工作日。
    """
    from .selectors import work_calendar

    calendar = work_calendar()
    result = calendar.nth_after(day, n)
    click.echo(result.isoformat())
    if explain and n:
        first = day + timedelta(days=1)  # the day itself is not counted
        click.echo(stretch_text(calendar.stretch(first, result)))


@workdays.command("show")
@click.argument("year", type=int)
def show(year: int) -> None:
    """列出某年的节假日和调休上班日。"""
    from .models import CalendarYear
    from .selectors import calendar_days_in
    from .statutory import statutory_holidays

    loaded = CalendarYear.objects.filter(year=year).first()
    if loaded is None:
        click.echo(
            f"{year} 年的节假日安排尚未录入：暂按《全国年节及纪念日放假办法》"
            "规定的法定节假日计算（调休未知），其余周一至周五为工作日。"
        )
        for day, name in sorted(statutory_holidays(year).items()):
            click.echo(f"  {day.isoformat()}  休息（法定，暂定）  {name}")
        return
    click.echo(
        f"{year} 年节假日安排（来源：{loaded.get_source_display()} {loaded.notice}）"
    )
    for row in calendar_days_in(year):
        click.echo(f"  {row.day.isoformat()}  {row.get_kind_display()}  {row.name}")


@workdays.command("set")
@click.argument("day", type=DATE)
@click.argument("kind", type=click.Choice(["holiday", "workday", "normal"]))
@click.option("--name", default="", help="节日名称，如“春节”（设为 normal 时不需要）。")
def set_day(day: date, kind: str, name: str) -> None:
    """更正一天：设为节假日（holiday）、调休上班日（workday）或恢复正常（normal）。

    未结办申请的答复期限随之重新计算，变动的逐件记录。
    """
    from django.core.exceptions import ValidationError

    from .services import calendar_day_set

    try:
        calendar_day_set(acting_user=None, day=day, kind=kind, name=name)
    except ValidationError as exc:
        raise click.ClickException("；".join(exc.messages)) from exc
    click.echo(
        f"已更新 {day_text(day)}；未办结申请的答复期限已交由后台任务重新计算"
        "（gongkai worker 执行）。"
    )


@workdays.command("import")
@click.option(
    "--year", "years", type=int, multiple=True, help="只导入这些年度（可重复）。"
)
def import_package(years: tuple[int, ...]) -> None:
    """从 chinesecalendar 软件包导入节假日安排（覆盖所选年度已有的安排）。"""
    from django.core.exceptions import ValidationError

    from .services import calendar_import_package

    try:
        loaded = calendar_import_package(acting_user=None, years=years or None)
    except ValidationError as exc:
        raise click.ClickException("；".join(exc.messages)) from exc
    click.echo(f"已导入 {len(loaded)} 个年度：{loaded[0].year}–{loaded[-1].year}")


COMMANDS = [workdays]
