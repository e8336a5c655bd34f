"""``gongkai demo``: load the demo region and serve the site."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from gongkai.core.console import console as make_console

from . import PART_NAMES


@click.command("demo")
@click.option("--no-serve", is_flag=True, help="只载入演示数据，不启动网站。")
@click.option("--port", default=8000, show_default=True, help="网站端口（127.0.0.1）。")
@click.option(
    "--only",
    type=click.Choice(PART_NAMES),
    multiple=True,
    help="只载入其中一部分（可重复）：seed-003 兴义市应急管理局，"
    "seed-002 临沂市民政局，synthetic 青溪县。",
)
def demo(no_serve: bool, port: int, only: tuple[str, ...]) -> None:
    """载入演示数据并启动网站。

    \b
    需要时先迁移数据库，然后载入演示地区：
      兴义市应急管理局 2019 年：与其公开的年度报告（种子 003）逐格一致；
      临沂市民政局 2017 年：种子 002 中前后一致的部分；
      虚构的青溪县人民政府及其四个部门 2017–2025 年的台账。
    重复运行不会产生重复记录。最后打印演示登录账号，并在 127.0.0.1:PORT
    启动网站；指定 --no-serve 时载入后即退出。
    """

    from .loader import demo_load

    console = make_console()
    if _migrate_if_needed():
        console.print("数据库已迁移到最新结构。")
    with console.status("正在载入演示数据……"):
        summary = demo_load(only or PART_NAMES)
    console.print(_summary_table(summary))
    console.print(f"本次新建记录 {summary.created} 条（重复运行时为 0）。")
    if summary.published:
        console.print(f"已发布年度报告 {summary.published} 份。")
    for role, (username, password) in summary.logins.items():
        console.print(f"{role}：用户名 [bold]{username}[/]  密码 [bold]{password}[/]")
    if no_serve:
        return
    console.print(
        f"网站：http://127.0.0.1:{port}/   工作台：http://127.0.0.1:{port}/workspace/"
        f"   管理后台：http://127.0.0.1:{port}/admin/"
    )
    _serve(port)


# How the demo is served (the Makefile's DEMO_ENV says the same): DEBUG off, so a
# wrong address shows gongkai's Chinese 404 page rather than Django's debug page,
# and no second factor for the printed demo logins. The environment given wins.
DEMO_SERVER_ENV = {"GONGKAI_DEBUG": "0", "GONGKAI_OTP_REQUIRED_ROLES": ""}


def _serve(port: int) -> None:
    """Replace this process with the development server, in the demo's settings
    (read when a process starts, hence a new one)."""
    import os
    import sys

    command = [sys.executable, "-m", "gongkai.cli", "manage", "runserver"]
    os.execve(
        sys.executable,
        [*command, f"127.0.0.1:{port}", "--noreload"],
        {**DEMO_SERVER_ENV, **os.environ},
    )


def _migrate_if_needed() -> bool:
    """Apply unapplied migrations, creating the SQLite data folder if need be."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and not name.startswith(("file:", ":memory:")):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate", interactive=False, verbosity=0)
    return True


def _summary_table(summary) -> Table:
    table = Table(title="演示数据")
    for heading in (
        "机关",
        "统一社会信用代码",
        "年度",
        "主动公开",
        "依申请",
        "复议诉讼",
        "举报投诉",
        "活动",
        "新建",
    ):
        table.add_column(
            heading, justify="left" if heading in {"机关", "年度"} else "right"
        )
    for loaded in summary.agencies:
        years = loaded.years
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        counts = loaded.counts
        table.add_row(
            loaded.agency.name,
            loaded.agency.credit_code,
            span,
            *(
                str(counts[k])
                for k in ("items", "applications", "cases", "complaints", "activities")
            ),
            str(loaded.created),
        )
    return table


COMMANDS = [demo]
