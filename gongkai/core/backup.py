"""Backups: a consistent copy of the database and of the stored files, with a
SHA-256 checksum of every file in it, and its restoration into an empty instance
(等保 2.0 数据备份与恢复).

A backup is one folder, ``gongkai-backup-YYYYMMDD-HHMMSS``:

- ``database.sqlite3``: SQLite's online backup API, a consistent copy taken while
  the site runs; or ``database.dump``: ``pg_dump`` in its custom format (one
  snapshot of a PostgreSQL database, restored with ``pg_restore``);
- ``files/``: the stored files (``MEDIA_ROOT``), copied after the database, so
  every file the database names is there;
- ``manifest.json``: what it holds (engine, date, counts);
- ``SHA256SUMS``: one line per file, as ``sha256sum`` writes it, so a backup can be
  checked with ``sha256sum -c`` as well as by ``gongkai restore``.

The folder is written under a ``.partial`` name and renamed when complete: a
backup cut short is never taken for a whole one.

Restoring refuses a database that has any user or agency, and a files folder that
is not empty: a restore never mixes two instances' records.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click
from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
FILES = "files"
KIND = "gongkai-backup"
VERSION = 1
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
# The records whose presence makes an instance "not empty": nothing can be done in
# gongkai without a user, nor recorded without an agency.
OCCUPANTS = {"accounts_user": "个用户", "agencies_agency": "个机关"}

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Chinese and says why."""


@dataclass(frozen=True)
class Summary:
    folder: Path
    engine: str
    files: int
    bytes: int


def backup_make(
    target: Path, *, alias: str = "default", progress: Progress | None = None
) -> Summary:
    """Back up the database ``alias`` and ``MEDIA_ROOT`` into a new folder under
    ``target`` (created if missing)."""
    say = progress or (lambda message: None)
    engine = _engine(alias)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target.mkdir(parents=True, exist_ok=True)
    final = target / f"{KIND}-{stamp}"
    if final.exists():
        raise BackupError(f"{final} 已存在：请稍后再试，或换一个目录。")
    partial = target / f"{final.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    say(f"数据库（{engine}）……")
    if engine == "sqlite":
        _sqlite_dump(alias, partial / DUMPS[engine])
    else:
        _pg_dump(alias, partial / DUMPS[engine])
    say("文件……")
    sums = {DUMPS[engine]: _sha256(partial / DUMPS[engine])}
    count, size = 0, 0
    for relative, digest, length in _copy_tree(
        Path(settings.MEDIA_ROOT), partial / FILES
    ):
        sums[f"{FILES}/{relative}"] = digest
        count, size = count + 1, size + length
    manifest = {
        "kind": KIND,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "engine": engine,
        "database": DUMPS[engine],
        "files": count,
        "bytes": size,
    }
    (partial / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    sums[MANIFEST] = _sha256(partial / MANIFEST)
    (partial / SUMS).write_text(
        "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items())),
        encoding="utf-8",
    )
    partial.rename(final)
    return Summary(final, engine, count, size)


def backup_verify(folder: Path) -> dict[str, Any]:
    """The backup's manifest, once every file listed in ``SHA256SUMS`` is found
    with its checksum and nothing unlisted is in it."""
    if not (folder / SUMS).is_file():
        raise BackupError(f"{folder} 不是 gongkai 的备份（没有 {SUMS}）。")
    listed = _read_sums(folder / SUMS)
    for name, digest in listed.items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"备份不完整：缺少 {name}。")
        if _sha256(path) != digest:
            raise BackupError(f"备份已损坏：{name} 的校验和不符。")
    present = {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != SUMS
    }
    if extra := sorted(present - set(listed)):
        raise BackupError(f"备份中有校验和清单之外的文件：{extra[0]}。")
    manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text("utf-8"))
    if manifest.get("kind") != KIND or manifest.get("version") != VERSION:
        raise BackupError(f"{folder} 不是本版本 gongkai 能读的备份。")
    return manifest


def backup_restore(
    folder: Path, *, alias: str = "default", progress: Progress | None = None
) -> Summary:
    """Restore a backup into an empty instance: the database ``alias`` (no user, no
    agency) and an empty ``MEDIA_ROOT``. Every checksum is verified first."""
    say = progress or (lambda message: None)
    folder = _backup_folder(folder)
    say("校验……")
    manifest = backup_verify(folder)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"这份备份来自 {manifest['engine']}，当前数据库是 {engine}："
            "请恢复到同一种数据库。"
        )
    media = Path(settings.MEDIA_ROOT)
    _refuse_occupied(alias, media)
    say(f"数据库（{engine}）……")
    if engine == "sqlite":
        _sqlite_load(alias, folder / DUMPS[engine])
    else:
        _pg_restore(alias, folder / DUMPS[engine])
    say("文件……")
    count, size = 0, 0
    for _relative, _digest, length in _copy_tree(folder / FILES, media):
        count, size = count + 1, size + length
    return Summary(folder, engine, count, size)


# --- the database --------------------------------------------------------------


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMPS:
        raise BackupError(
            f"不支持备份 {vendor} 数据库（只支持 SQLite 和 PostgreSQL）。"
        )
    return vendor


def _sqlite_dump(alias: str, path: Path) -> None:
    """SQLite's online backup: a consistent copy, even while others write."""
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _sqlite_load(alias: str, path: Path) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _pg_environment(alias: str) -> dict[str, str]:
    db = connections[alias].settings_dict
    values = {
        "PGDATABASE": db.get("NAME"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGHOST": db.get("HOST"),
        "PGPORT": str(db.get("PORT") or ""),
    }
    return {**os.environ, **{key: str(value) for key, value in values.items() if value}}


def pg_tool(name: str) -> str | None:
    """The newest ``pg_dump``/``pg_restore`` of Debian's postgresql packages, else
    the one on ``PATH``."""
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: (
            int(path.parent.parent.name) if path.parent.parent.name.isdecimal() else 0
        ),
    )
    if installed:
        return str(installed[-1])
    return shutil.which(name)


def _run_pg(name: str, arguments: list[str], alias: str) -> None:
    tool = pg_tool(name)
    if tool is None:
        raise BackupError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（postgresql-client）。"
        )
    connections[alias].close()
    done = subprocess.run(
        [tool, *arguments],
        env=_pg_environment(alias),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1:] or ["（无输出）"]
        raise BackupError(f"{name} 失败：{detail[0]}")


def _pg_dump(alias: str, path: Path) -> None:
    _run_pg("pg_dump", ["--format=custom", "--no-owner", f"--file={path}"], alias)


def _pg_restore(alias: str, path: Path) -> None:
    database = connections[alias].settings_dict["NAME"]
    arguments = ["--clean", "--if-exists", "--no-owner", "--no-privileges"]
    arguments += ["--exit-on-error", "--single-transaction", f"--dbname={database}"]
    _run_pg("pg_restore", [*arguments, str(path)], alias)


def _refuse_occupied(alias: str, media: Path) -> None:
    """A restore goes into an empty instance only (in Chinese, what is there)."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    found = []
    with connection.cursor() as cursor:
        for table, noun in OCCUPANTS.items():
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                if count := cursor.fetchone()[0]:
                    found.append(f"{count} {noun}")
    if found:
        raise BackupError(
            f"数据库不是空的（已有 {'、'.join(found)}）：只能恢复到空的实例。"
            "请换一个新建的空数据库（DATABASE_URL）再恢复。"
        )
    if media.exists() and any(media.iterdir()):
        raise BackupError(f"文件目录 {media} 不是空的：只能恢复到空的实例。")


# --- files -----------------------------------------------------------------------


def _backup_folder(given: Path) -> Path:
    """The backup's folder, given it or a file in it (its manifest, its sums)."""
    return given.parent if given.is_file() else given


def _copy_tree(source: Path, target: Path) -> Iterator[tuple[str, str, int]]:
    """Copy every file under ``source`` to ``target``: (relative path, SHA-256,
    size) of each. A file removed while copying is left out."""
    target.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            digest, size = _copy_hashing(path, destination)
        except FileNotFoundError:
            continue
        yield relative, digest, size


def _copy_hashing(source: Path, destination: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as reading, destination.open("wb") as writing:
        for block in iter(lambda: reading.read(1 << 20), b""):
            digest.update(block)
            writing.write(block)
            size += len(block)
    shutil.copystat(source, destination)
    return digest.hexdigest(), size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as reading:
        for block in iter(lambda: reading.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_sums(path: Path) -> dict[str, str]:
    listed = {}
    for line in path.read_text("utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name or ".." in Path(name).parts:
            raise BackupError(f"校验和清单 {path.name} 有一行读不懂：{line[:80]}")
        listed[name] = digest
    return listed


# --- the commands ------------------------------------------------------------------


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def backup(directory: Path) -> None:
    """备份数据库和所有存储的文件到 DIRECTORY 下的新文件夹（附 SHA-256 校验和）。

    SQLite 用其在线备份接口，PostgreSQL 用 pg_dump（custom 格式），网站运行时也可
    备份，得到一致的副本。完成后打印备份文件夹的路径。
    """
    try:
        summary = backup_make(directory, progress=lambda m: click.echo(m, err=True))
    except BackupError as error:
        _fail(str(error))
    click.echo(
        f"已备份数据库（{summary.engine}）和 {summary.files} 个文件"
        f"（{summary.bytes} 字节）到：",
        err=True,
    )
    click.echo(str(summary.folder))


@click.command("restore")
@click.argument("backup_folder", type=click.Path(exists=True, path_type=Path))
def restore(backup_folder: Path) -> None:
    """把 BACKUP_FOLDER（gongkai backup 写的文件夹）恢复到一个空的实例。

    先核对每个文件的校验和；数据库中已有用户或机关、或文件目录不是空的，都会拒绝，
    不会把两个实例的记录混在一起。恢复前请停止网站和后台任务进程。
    """
    try:
        summary = backup_restore(
            backup_folder, progress=lambda m: click.echo(m, err=True)
        )
    except BackupError as error:
        _fail(str(error))
    click.echo(
        f"已从 {summary.folder} 恢复数据库（{summary.engine}）"
        f"和 {summary.files} 个文件。"
    )


def _fail(message: str) -> NoReturn:
    click.echo(f"错误：{message}", err=True)
    raise SystemExit(1)
