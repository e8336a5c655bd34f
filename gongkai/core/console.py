"""The console every ``gongkai`` command prints through."""

import sys

from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A rich console that, off a terminal (a pipe, a log, a test), does not wrap
    Chinese text at rich's default 80 columns, nor break a login or a URL."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(
        stderr=stderr, width=None if stream.isatty() else 160, soft_wrap=True
    )
