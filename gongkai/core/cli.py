"""``gongkai bench``: the named benchmarks of every room.

The command's docstring is its help text. Messages are Chinese, for the staff who
run it.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable

import click

from .backup import backup, restore
from .console import console

# What each benchmark measures, for ``gongkai bench --help`` (a benchmark not listed
# here shows the first line of its docstring).
BENCHMARK_SUMMARIES = {
    "report": "一个机构年度（10 万条主动公开条目、2 万件申请）的年度报告，"
    "与其 SQL 聚合查询相比（目标 ≤1.5 倍）",
    "deadlines": "节假日调整后重新计算 10 万件在办申请的答复期限",
    "import": "每秒导入的已发布年度报告（文本、网页、PDF、Word、无分隔文本、"
    "网页归档、经 LibreOffice 转换的旧版文件、扫描件 OCR），可经任务队列多进程",
    "region": "一个市所属 1000 个单位的地区年度报告",
    "scale": "三种规模（--sizes）的机构与地区年度报告",
    "search": "100 万条中文条目的全文检索延迟",
    "web": "生产服务器上的首页、检索、条目、年度报告页面，"
    "以及已发布报告 DOCX、PDF 的下载（与同样大小的静态文件相比）",
}


class BenchCommand(click.Command):
    """``gongkai bench``, whose help lists the benchmarks there are."""

    def format_help_text(
        self, ctx: click.Context, formatter: click.HelpFormatter
    ) -> None:
        super().format_help_text(ctx, formatter)
        from .bench import discover

        rows = []
        for name, function in sorted(discover().items()):
            first = (function.__doc__ or "").strip().split("\n")[0]
            rows.append((name, BENCHMARK_SUMMARIES.get(name, first)))
        with formatter.section("可用的基准测试（NAME）"):
            formatter.write_dl(rows)


@click.command("bench", cls=BenchCommand)
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="每个指标输出一行 JSON。")
@click.option(
    "--runs", default=10, show_default=True, help="每项计时重复的次数，取最好成绩。"
)
@click.option(
    "--sizes",
    default=None,
    help="scale：以逗号分隔的三个规模（条目数），如 10000,100000,300000。",
)
@click.option(
    "--workers",
    type=click.IntRange(min=2),
    default=None,
    help="import：经任务队列导入，这么多个任务进程与一个任务进程相比。",
)
@click.option(
    "--count",
    type=click.IntRange(min=1),
    default=None,
    help="import --workers：导入的 PDF 报告份数（默认 1000）。",
)
def bench(
    name: str,
    as_json: bool,
    runs: int,
    sizes: str | None,
    workers: int | None,
    count: int | None,
) -> None:
    """运行名为 NAME 的基准测试（如 report），各项列于下方。

    基准测试使用独立的基准数据库，不会触及正式数据（见 docs/reference/cli.md）。
    每项与同一次运行中测得的基线相比，输出比值。
    """
    from .bench import discover, run

    benchmarks = discover()
    if name not in benchmarks:
        known = "、".join(sorted(benchmarks))
        raise click.UsageError(f"没有名为 {name!r} 的基准测试（可用：{known}）")
    options = _bench_options(name, benchmarks[name], sizes, workers, count)
    measurements = run(
        name, runs=runs, progress=lambda m: click.echo(m, err=True), **options
    )
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


def _bench_options(
    name: str,
    function: Callable[..., object],
    sizes: str | None,
    workers: int | None,
    count: int | None,
) -> dict[str, object]:
    """The options given for the benchmark ``name``; those it does not take are
    refused."""
    options: dict[str, object] = {}
    if sizes:
        try:
            options["sizes"] = [int(size) for size in sizes.split(",")]
        except ValueError:
            raise click.BadParameter(
                "规模须为以逗号分隔的整数", param_hint="--sizes"
            ) from None
    if count is not None and workers is None:
        raise click.UsageError("--count 只与 --workers 一起使用")
    options.update(
        (key, value)
        for key, value in (("workers", workers), ("count", count))
        if value is not None
    )
    accepted = inspect.signature(function).parameters
    for key in options:
        if key not in accepted:
            raise click.UsageError(f"基准测试 {name} 不接受 --{key}")
    return options


@click.command("worker")
@click.option(
    "--queue",
    "queues",
    default="*",
    show_default=True,
    help="处理的队列，多个以逗号分隔；* 表示全部。",
)
@click.option(
    "--interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="队列为空时，每隔多少秒再查看一次。",
)
@click.option("--batch", is_flag=True, help="处理完队列中现有的任务后退出。")
@click.option(
    "--max-tasks",
    type=click.IntRange(min=1),
    default=None,
    help="执行这么多个任务后退出（默认不限）。",
)
@click.option(
    "--abandoned-after",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="任务运行超过这么多秒即视为其进程已退出，重新排队"
    "（默认：GONGKAI_TASK_ABANDONED_AFTER）。",
)
@click.option(
    "--worker-id",
    default=None,
    help="本进程的标识（所有进程中唯一；默认：主机名与进程号）。",
)
@click.option("--quiet", is_flag=True, help="只输出警告和错误。")
def worker(
    queues: str,
    interval: float,
    batch: bool,
    max_tasks: int | None,
    abandoned_after: float | None,
    worker_id: str | None,
    quiet: bool,
) -> None:
    """运行后台任务进程：导入上传的报告、重建索引等（可在多台机器上同时运行多个）。

    任务保存在数据库中（TASKS 设置）；在 PostgreSQL 上，多个进程各取不同的任务，
    不会重复执行。出错的任务按 GONGKAI_TASK_RETRY_DELAY 逐次加倍等待后重试，最多
    GONGKAI_TASK_ATTEMPTS 次；进程被强行终止时正在执行的任务，由其他进程重新排队。
    Ctrl-C 或 SIGTERM：完成当前任务后退出。
    """
    import logging
    import os
    import socket

    from django.conf import settings

    from .tasks import Worker

    for name in ("django_tasks", "django_tasks_db", "gongkai.tasks"):
        log = logging.getLogger(name)
        log.setLevel(logging.WARNING if quiet else logging.INFO)
        if not log.handlers:
            log.addHandler(logging.StreamHandler())
    process = Worker(
        queue_names=queues.split(","),
        excluded_queue_names=[],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=(worker_id or f"{socket.gethostname()}-{os.getpid()}")[:64],
        abandoned_after=abandoned_after or settings.GONGKAI_TASK_ABANDONED_AFTER,
    )
    process.configure_signals()
    process.run()


COMMANDS = [bench, worker, backup, restore]
