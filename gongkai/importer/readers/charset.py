"""Turning the bytes of a text or web page into text: detected, never assumed.

Government sites serve UTF-8 and GBK/GB18030 in about equal measure, and their
declarations are often wrong (a GBK page that says ``charset=utf-8``, a UTF-8 page
whose template still says ``gb2312``). The order of trust:

1. a byte-order mark;
2. valid UTF-8 with non-ASCII text (GBK text is almost never valid UTF-8);
3. the declared charset, if the bytes decode under it without error;
4. GB18030, if the bytes decode under it without error into mostly Chinese text
   (these are Chinese reports: a general detector readily takes GBK for Cyrillic);
5. charset-normalizer's best guess;
6. GB18030 with replacement characters, noted as damaged.

The declared GB2312 and GBK are read as GB18030, their superset, since pages
declared GB2312 routinely use characters beyond it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
}
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE
)
_XML_DECLARED = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""")
SNIFF_BYTES = 4096
CHINESE_SHARE = 0.8


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what the bytes were read as
    note: str | None = None  # said when the declaration was wrong or text damaged


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML head declares, lower-cased, if any."""
    head = data[:SNIFF_BYTES]
    found = _DECLARED.search(head) or _XML_DECLARED.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """The text of ``data``, following the order of trust of the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    wanted = _canonical(declared)
    if not data.isascii() and _decodes(data, "utf-8"):
        return Decoded(data.decode("utf-8"), "utf-8", _mismatch(declared, "utf-8"))
    if wanted and _decodes(data, wanted):
        return Decoded(data.decode(wanted), wanted)
    if _decodes(data, "gb18030") and _mostly_chinese(data.decode("gb18030")):
        note = _mismatch(declared, "gb18030")
        return Decoded(data.decode("gb18030"), "gb18030", note)
    guessed = _guess(data)
    if guessed:
        text = data.decode(guessed, errors="replace")
        return Decoded(text, guessed, _mismatch(declared, guessed))
    return Decoded(
        data.decode("gb18030", errors="replace"),
        "gb18030",
        "无法确定文字编码，按 GB18030 读取，个别字符可能显示为乱码。",
    )


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, _SUPERSETS.get(codec, codec))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _mostly_chinese(text: str) -> bool:
    """Most non-ASCII characters are CJK ideographs or CJK punctuation."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    chinese = sum(
        1
        for ch in wide
        if "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
    )
    return chinese / len(wide) >= CHINESE_SHARE


def _guess(data: bytes) -> str | None:
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    return _canonical(best.encoding) or best.encoding


def _mismatch(declared: str | None, used: str) -> str | None:
    if declared is None or _same(declared, used):
        return None
    return f"文件声明的字符集为 {declared}，实际内容为 {used}，已按 {used} 读取。"


def _same(a: str, b: str) -> bool:
    return _canonical(a) == _canonical(b)
