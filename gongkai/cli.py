"""The ``gongkai`` command.

Each room (Django app) that has commands keeps them in its own ``cli.py`` and lists
them in ``COMMANDS``; they are found here, so adding a command touches one room
only. Each command's docstring is its help text.

First contact: a command run against a database that was never migrated (a fresh
clone, a new ``GONGKAI_DATA_DIR``) migrates it first when it is the default SQLite
file, which gongkai owns; any other database (``DATABASE_URL``) is not changed
behind its operator's back: the command says, in one line, what to run. Either
way, no traceback.
"""

import importlib
import importlib.util
import os
from typing import Any

import click

# Commands that look after the database themselves: Django's own (migrate among
# them), the demo (migrates), the benchmarks (their own database), restoring a
# backup (into an empty database, before any migration).
OWN_DATABASE = frozenset({"manage", "demo", "bench", "restore"})
NOT_MIGRATED = "数据库尚未迁移到最新结构：请先运行 gongkai manage migrate"


def setup_django(settings: str = "gongkai.settings.base") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


class Gongkai(click.Group):
    """The command group, which answers a database never migrated in Chinese."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["gongkai.asking_help"] = any(a in ("-h", "--help") for a in args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as error:
            if _missing_table(error):
                raise click.ClickException(NOT_MIGRATED) from None
            raise


def _missing_table(error: BaseException) -> bool:
    """Whether ``error`` is the database's "no such table" (SQLite) or "relation
    does not exist" (PostgreSQL)."""
    from django.db import utils

    if not isinstance(error, (utils.OperationalError, utils.ProgrammingError)):
        return False
    text = str(error)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


@click.group(cls=Gongkai, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongkai")
@click.pass_context
def main(ctx: click.Context) -> None:
    """gongkai（公开）：政府信息公开工作平台。"""
    asking_help = ctx.meta.get("gongkai.asking_help", False)
    if ctx.invoked_subcommand not in OWN_DATABASE and not asking_help:
        # Checked when the command first opens the database: a command that
        # needs none (reading a report file, --help) never touches it.
        from django.db.backends.signals import connection_created

        connection_created.connect(_on_first_connection, dispatch_uid=__name__)


def _on_first_connection(sender: object, connection: Any, **_: object) -> None:
    from django.db.backends.signals import connection_created

    connection_created.disconnect(dispatch_uid=__name__)
    if connection.alias == "default":
        database_ensure(connection)


def database_ensure(connection: Any) -> None:
    """Migrate the default SQLite file if it lacks migrations; refuse, in one
    Chinese line, to run on another database that was never migrated."""
    if "django_migrations" in connection.introspection.table_names():
        return
    if os.environ.get("DATABASE_URL"):
        raise click.ClickException(NOT_MIGRATED)
    from django.core.management import call_command

    name = connection.settings_dict["NAME"]
    click.echo(f"首次使用：正在建立数据库 {name}……", err=True)
    call_command("migrate", interactive=False, verbosity=0)


@main.command(
    "manage",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.pass_context
def manage(ctx: click.Context) -> None:
    """运行 Django 管理命令（migrate、createsuperuser 等）。"""
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *ctx.args])


def _register_room_commands() -> None:
    from django.apps import apps

    for config in apps.get_app_configs():
        module_name = f"{config.name}.cli"
        if config.name.startswith("gongkai.") and importlib.util.find_spec(module_name):
            for command in importlib.import_module(module_name).COMMANDS:
                main.add_command(command)


setup_django()
_register_room_commands()

if __name__ == "__main__":  # python -m gongkai.cli (the demo's server)
    main()
