"""The ``gongkai`` command.

Each room (Django app) that has commands keeps them in its own ``cli.py`` and lists
them in ``COMMANDS``; they are found here, so adding a command touches one room
only. Each command's docstring is its help text.
"""

import importlib
import importlib.util
import os

import click


def setup_django(settings: str = "gongkai.settings.base") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongkai")
def main() -> None:
    """gongkai（公开）：政府信息公开工作平台。"""


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
