"""The documentation keeps up with the code: every command, option, setting and
environment variable is documented, and every link between pages leads somewhere."""

import re
from pathlib import Path

import click
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR).parent
DOCS = ROOT / "docs"
ENVIRONMENT_READ = re.compile(
    r"os\.environ(?:\.get)?[\(\[]\s*\"(GONGKAI_[A-Z0-9_]+|DATABASE_URL)\""
)


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


def _cli_commands() -> dict[str, click.Command]:
    from gongkai.cli import main

    return dict(_commands(main, "gongkai"))


@pytest.mark.parametrize("path", _cli_commands())
def test_every_command_and_option_is_in_the_cli_reference(path):
    """``docs/reference/cli.md`` names each command and each of its options."""
    command = _cli_commands()[path]
    reference = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    assert path in reference
    options = [
        opt
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ]
    assert [opt for opt in options if opt not in reference] == []


def _environment_variables() -> list[str]:
    """Every variable the package reads from the environment, and those that
    dj-database-url and Django read for it."""
    found = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    for module in Path(settings.BASE_DIR).rglob("*.py"):
        if "tests" not in module.parts:
            found |= set(ENVIRONMENT_READ.findall(module.read_text(encoding="utf-8")))
    return sorted(found)


def _gongkai_settings() -> list[str]:
    return sorted(name for name in dir(settings) if name.startswith("GONGKAI_"))


@pytest.mark.parametrize("name", _environment_variables() + _gongkai_settings())
def test_every_setting_is_in_the_settings_reference(name):
    """``docs/reference/settings.md`` explains each environment variable and each
    of gongkai's own settings."""
    reference = (DOCS / "reference" / "settings.md").read_text(encoding="utf-8")
    assert f"`{name}`" in reference


LINK = re.compile(r"\]\(([^)\s]+)\)")


def _relative_links() -> list[tuple[str, str]]:
    pages = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
    links = []
    for page in pages:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if not re.match(r"^[a-z]+:", target) and not target.startswith("#"):
                links.append((str(page.relative_to(ROOT)), target))
    return links


@pytest.mark.parametrize(("page", "target"), _relative_links())
def test_every_link_between_pages_leads_to_a_file(page, target):
    path = (ROOT / page).parent / target.split("#")[0]
    assert path.exists(), f"{page} links to {target}, which does not exist"
