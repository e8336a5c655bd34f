"""First contact from the command line: the README's commands exist as written, a
command on a database never migrated never ends in a traceback, and
``gongkai bench --help`` lists the benchmarks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.conf import settings

from gongkai.cli import NOT_MIGRATED, main
from gongkai.core.bench import discover

README = Path(settings.BASE_DIR).parent / "README.md"
GONGKAI = Path(sys.executable).parent / "gongkai"


def _readme_commands() -> list[list[str]]:
    """The commands of the README's "command line at a glance" block."""
    text = README.read_text()
    block = text.split("## The command line at a glance", 1)[1].split("```sh", 1)[1]
    block = block.split("```", 1)[0]
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [line.split() for line in lines if line.startswith("gongkai ")]


@pytest.mark.parametrize("command", _readme_commands(), ids=" ".join)
def test_every_command_of_the_readme_exists(command):
    """Each command (and subcommand) the README shows answers ``--help``."""
    words = [w for w in command[1:] if not w.startswith(("-", "[")) and "." not in w]
    path: list[str] = []
    for word in words:
        if CliRunner().invoke(main, [*path, word, "--help"]).exit_code != 0:
            break
        path.append(word)
    assert path, command
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output


def test_the_readme_says_how_to_run_gongkai_without_uv_on_the_path():
    text = README.read_text()
    assert ".venv/bin/gongkai" in text
    assert "prefix each with `uv run`" not in text


def test_bench_help_lists_every_benchmark():
    shown = CliRunner().invoke(main, ["bench", "--help"]).output
    for name in discover():
        assert re.search(rf"^\s+{name}\s", shown, re.MULTILINE), name


def _run(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(GONGKAI_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [str(GONGKAI), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_a_command_on_a_fresh_default_database_migrates_it_first(tmp_path):
    """``gongkai workdays add 2024-09-27 20`` on a fresh data folder creates the
    SQLite file and answers with the date."""
    result = _run(tmp_path, "workdays", "add", "2024-09-27", "20")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\n", result.stdout), result.stdout
    assert "Traceback" not in result.stderr
    assert (tmp_path / "gongkai.sqlite3").exists()


def test_a_command_on_another_database_never_migrated_says_what_to_run(tmp_path):
    """Another database (DATABASE_URL) is not migrated behind its operator's back:
    one Chinese line says what to run."""
    url = f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}"
    result = _run(tmp_path, "workdays", "add", "2024-09-27", "20", DATABASE_URL=url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"Error: {NOT_MIGRATED}"]
