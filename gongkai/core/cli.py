"""``gongkai bench``: the named benchmarks of every room.

The command's docstring is its help text. Messages are Chinese, for the staff who
run it.
"""

from __future__ import annotations

import json

import click

from .console import console


@click.command("bench")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="每个指标输出一行 JSON。")
@click.option(
    "--runs", default=10, show_default=True, help="每项计时重复的次数，取最好成绩。"
)
def bench(name: str, as_json: bool, runs: int) -> None:
    """运行名为 NAME 的基准测试（如 report）。

    基准测试使用独立的基准数据库，不会触及正式数据（见 docs/reference/cli.md）。

    report：合成一个机构年度（10 万条主动公开条目、2 万件申请及其复议诉讼案件）。

    计时完整生成年度报告，与直接执行其所需 SQL 聚合查询的时间相比（目标：≤1.5 倍）。
    """
    from .bench import discover, run

    benchmarks = discover()
    if name not in benchmarks:
        known = "、".join(sorted(benchmarks))
        raise click.UsageError(f"没有名为 {name!r} 的基准测试（可用：{known}）")
    measurements = run(name, runs=runs, progress=lambda m: click.echo(m, err=True))
    if as_json:
        for measurement in measurements:
            click.echo(json.dumps(measurement.as_dict(), ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"基准测试 {name}", title_justify="left")
    for column in ("指标", "数值", "单位", "基线", "比值"):
        table.add_column(column, justify="left" if column == "指标" else "right")
    for m in measurements:
        table.add_row(
            m.metric,
            f"{m.value:.4g}",
            m.unit,
            "—" if m.baseline is None else f"{m.baseline:.4g}",
            "—" if m.ratio is None else f"{m.ratio:.2f}",
        )
    console().print(table)


COMMANDS = [bench]
