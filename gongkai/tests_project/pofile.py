"""A minimal reader of gettext PO files, enough to audit the zh_Hans catalogue."""

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translated(self) -> bool:
        return bool(self.msgstrs) and all(self.msgstrs)


def read_entries(path: Path) -> list[Entry]:
    """The live entries of a PO file (obsolete ``#~`` entries are skipped)."""
    entries: list[Entry] = []
    entry, key = Entry(), ""
    strings: dict[str, str] = {}

    def finish() -> None:
        nonlocal entry, strings
        if strings:
            entry.msgid = strings.get("msgid", "")
            entry.msgctxt = strings.get("msgctxt")
            entry.msgid_plural = strings.get("msgid_plural")
            entry.msgstrs = [v for k, v in strings.items() if k.startswith("msgstr")]
            entries.append(entry)
        entry, strings = Entry(), {}

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            strings[key] += ast.literal_eval(line)
        else:
            key, _, quoted = line.partition(" ")
            strings[key] = ast.literal_eval(quoted)
    finish()
    return entries
