"""The ``gongkai`` command offers every room's commands."""

from click.testing import CliRunner

from gongkai.cli import main


def test_every_documented_top_level_command_is_offered():
    listed = CliRunner().invoke(main, ["--help"]).output
    for command in ("bench", "demo", "manage", "report"):
        assert f"  {command} " in listed, command
