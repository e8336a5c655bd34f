"""The ``gongkai`` command. Each subcommand's docstring is its help text."""

import os
import sys

import click


def setup_django(settings: str = "gongkai.settings.base") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongkai")
def main() -> None:
    """gongkai（公开）：政府信息公开工作平台。"""
    setup_django()


@main.command(
    "manage",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Run a Django management command (migrate, createsuperuser, ...)."""
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *ctx.args])


def _register_subcommands() -> None:
    # Each room contributes its own commands; imported lazily to keep start-up fast.
    from gongkai.reports.cli import bench, report

    main.add_command(report)
    main.add_command(bench)
    from gongkai.demo.cli import demo

    main.add_command(demo)


try:
    _register_subcommands()
except ImportError as exc:  # pragma: no cover - only while a room is being built
    print(f"gongkai: {exc}", file=sys.stderr)
