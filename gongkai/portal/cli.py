"""``gongkai serve``: run the website with the production server."""

from __future__ import annotations

import os

import click

from .server import (
    DEFAULT_BIND,
    DEFAULT_CACHE_SECONDS,
    DEFAULT_TIMEOUT,
    default_workers,
    gunicorn_command,
    refuse_if_unsafe,
    server_environment,
)


@click.command("serve")
@click.option(
    "--bind",
    default=DEFAULT_BIND,
    show_default=True,
    help="监听地址：主机:端口，或 unix:/路径（由 nginx 转发）。",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help=f"工作进程数；默认为 CPU 核数×2+1（本机 {default_workers()}）。",
)
@click.option(
    "--timeout",
    type=click.IntRange(10, 3600),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="单个请求的最长处理时间（秒）；生成整个地区的 PDF 需要数秒。",
)
@click.option(
    "--cache-seconds",
    type=click.IntRange(0, 86400),
    default=DEFAULT_CACHE_SECONDS,
    show_default=True,
    help="公开页面在数据未变时的缓存时间（秒），0 为不缓存；台账有任何变动即刷新。"
    "环境变量 GONGKAI_PORTAL_CACHE_SECONDS 优先。",
)
def serve(bind: str, workers: int | None, timeout: int, cache_seconds: int) -> None:
    """用生产级 WSGI 服务器（gunicorn，多个工作进程）运行网站。

    \b
    静态文件由 gongkai 自行提供（不依赖 CDN）；部署时也可交由 nginx 提供，
    见 docs/how-to/deploy.md。生产环境请设置
      DJANGO_SETTINGS_MODULE=gongkai.settings.production
    以及 GONGKAI_SECRET_KEY（至少 50 个字符）、GONGKAI_ALLOWED_HOSTS、DATABASE_URL；
    DEBUG 开启、使用开发密钥或过短的密钥、ALLOWED_HOSTS 含“*”时拒绝启动（退出码 1）。
    """
    refuse_if_unsafe()
    command = gunicorn_command(bind=bind, workers=workers, timeout=timeout)
    click.echo(
        f"gongkai 网站：{bind}（{command[command.index('--workers') + 1]} 个工作进程）"
    )
    os.execve(
        command[0],
        command,
        server_environment(dict(os.environ), cache_seconds=cache_seconds),
    )


@click.command("prune-tokens")
def prune_tokens() -> None:
    """删除超过 GONGKAI_SUBMISSION_TOKEN_DAYS 天的公开表单一次性令牌（每日运行）。

    令牌用于防止重复提交；已提交的申请和咨询不受影响。
    """
    from .guard import submission_tokens_prune

    deleted = submission_tokens_prune()
    click.echo(f"已删除 {deleted} 个过期的表单令牌。")


@click.command("openapi")
def openapi() -> None:
    """打印只读数据接口（/api/v1/）的 OpenAPI 文档（JSON）；docs/reference/openapi.json
    即其输出，接口变化时用本命令重新生成。"""
    import json

    from .api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    click.echo(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True))


COMMANDS = [serve, prune_tokens, openapi]
