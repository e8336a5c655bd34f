"""The reports' background work: a published version's files, rendered once."""

from __future__ import annotations

from gongkai.core.tasks import task

from .published import version_files_store


@task()
def version_files_render(version_id: int) -> list[str]:
    """Render and store the downloadable files of published version
    ``version_id`` (idempotent: a file stored before is kept as it is); the
    extensions stored."""
    return version_files_store(version_id=version_id)
