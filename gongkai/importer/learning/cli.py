"""``gongkai report formats learn``: the command, attached to the reports' group.

The ``report formats`` group belongs to ``gongkai.reports``, which may not import
the importer (ADR 19); the importer, which may import the reports, attaches this
subcommand to it when its commands are registered (``cli.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import PARENTS


@click.command("learn")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--id",
    "format_id",
    required=True,
    help="新格式的 id，如 某省-legacy（须未被占用）。",
)
@click.option(
    "--extends",
    "parent_id",
    type=click.Choice(PARENTS),
    default=None,
    help="所继承的全国统一格式；默认按报告年度：2018 年及以前为 legacy，"
    "2019–2020 年为 2019，2021 年起为 2021。",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="写入的文件；不指定时写到标准输出。",
)
def learn_command(
    file: Path, format_id: str, parent_id: str | None, out: Path | None
) -> None:
    """从一份已发布的报告起草格式文件（YAML），供复核后作为地方格式加入。

    FILE 可以是导入能读取的任何报告文件（网页、Word、PDF 等）。报告中的每张表格按原样
    成为格式中的一张表：行、列、单位与印出的一致；每一行按标签对应到最可能的全国统一
    格式的指标，并以注释写明匹配的行和相似度；相似度不够的行注明“待人工映射”，暂作本
    格式的证明数字。表格结构所示、且本报告的数字满足的合计关系成为校验规则。

    起草的文件已经过格式加载器检查。复核和加入的步骤见 docs/how-to/learn-a-format.md。

    退出码：成功为 0，文件中没有表格或无法读取为 1。
    """
    from django.conf import settings

    from gongkai.reports.formats import all_formats

    from . import LearnError, learn

    if format_id in all_formats():
        raise click.UsageError(f"已有 id 为 {format_id} 的报告格式，请换一个 id。")
    try:
        text = learn(file, format_id, parent_id, settings.GONGKAI_IMPORT_TIMEOUT)
    except LearnError as exc:
        click.echo(f"错误：{exc.message}", err=True)
        sys.exit(1)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"已写入 {out}", err=True)
