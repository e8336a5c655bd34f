"""The privacy scan: personal numbers in text about to be published (pure).

《政府信息公开条例》第十五条: information "涉及商业秘密、个人隐私等公开会对第三方
合法权益造成损害的", the agency "不得公开". Published documents that show citizens'
ID and phone numbers are a recurring scandal, so before an item is published its
text and attachments are scanned for

- 居民身份证号: 18 characters whose check character is right (GB 11643-1999), with a
  real date of birth and a region code that exists;
- 手机号码: 11 digits beginning 13–19 (with or without +86 and separators);
- 银行卡号: 16–19 digits (grouped by four or not) passing the Luhn check, with a
  first digit card schemes use (3, 4, 5, 6 or 9);
- whatever patterns an administrator adds (``PrivacyPattern``).

Look-alikes are let through: an 18-digit number with a wrong check character, a
"phone number" beginning 12, a card number failing Luhn. Full-width digits (１２３)
are read as digits. Findings carry the number masked, never in clear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

ID_CARD = "id_card"
MOBILE = "mobile"
BANK_CARD = "bank_card"
CUSTOM = "custom"

LABELS = {ID_CARD: "居民身份证号", MOBILE: "手机号码", BANK_CARD: "银行卡号"}

# Full-width digits and X read as their ASCII selves; one character for one, so the
# offsets of a finding are the offsets in the original text.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")

_ID_RE = re.compile(r"(?<![0-9A-Za-z])[1-8][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_MOBILE_RE = re.compile(
    r"(?<![0-9+])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])"
)
_CARD_RE = re.compile(
    r"(?<![0-9])[34569][0-9]{3}(?:[ -]?[0-9]{4}){3}(?:[ -]?[0-9]{1,3})?(?![0-9])"
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Pattern:
    """An administrator's pattern: a name and a regular expression."""

    name: str
    regex: str


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    start: int
    end: int
    masked: str


# -- the checks ----------------------------------------------------------------------


def id_check_char(first17: str) -> str:
    """The check character of a 居民身份证号 (GB 11643-1999, ISO 7064 MOD 11-2)."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True)
    )
    return _ID_CHECK[total % 11]


def has_id_structure(number: str) -> bool:
    """Eighteen characters with a region code and a real date of birth: what an ID
    number looks like, whether or not its check character is right."""
    if len(number) != 18 or not number[:17].isdigit() or number[0] not in "12345678":
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= date.today().year


def is_valid_id_number(number: str) -> bool:
    """A 居民身份证号 whose check character is right (GB 11643-1999)."""
    number = number.upper()
    return has_id_structure(number) and id_check_char(number[:17]) == number[17]


def luhn_valid(digits: str) -> bool:
    """The Luhn check (ISO/IEC 7812-1) that bank card numbers satisfy."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


# -- scanning ------------------------------------------------------------------------


def scan(text: str, patterns: Iterable[Pattern] = ()) -> list[Finding]:
    """Every personal number in ``text``, in order; where two would overlap, the
    first kind found wins (ID numbers, then cards, then phones, then patterns)."""
    readable = text.translate(_HALF_WIDTH)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for finding in _candidates(readable, patterns):
        if not any(finding.start < end and start < finding.end for start, end in taken):
            taken.append((finding.start, finding.end))
            findings.append(finding)
    return sorted(findings, key=lambda f: f.start)


def _candidates(text: str, patterns: Iterable[Pattern]) -> Iterator[Finding]:
    for match in _ID_RE.finditer(text):
        if is_valid_id_number(match.group()):
            yield _finding(ID_CARD, LABELS[ID_CARD], match)
    for match in _CARD_RE.finditer(text):
        digits = _digits(match.group())
        if (
            16 <= len(digits) <= 19
            and luhn_valid(digits)
            and not has_id_structure(digits)
        ):
            yield _finding(BANK_CARD, LABELS[BANK_CARD], match)
    for match in _MOBILE_RE.finditer(text):
        yield _finding(MOBILE, LABELS[MOBILE], match)
    for pattern in patterns:
        for match in re.finditer(pattern.regex, text):
            if match.end() > match.start():
                yield _finding(CUSTOM, pattern.name, match)


def _finding(kind: str, label: str, match: re.Match[str]) -> Finding:
    return Finding(kind, label, match.start(), match.end(), mask(kind, match.group()))


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


# -- masking -------------------------------------------------------------------------

# How many of a number's digits stay visible at its start and its end.
_KEEP = {ID_CARD: (6, 4), MOBILE: (3, 4), BANK_CARD: (0, 4)}


def mask(kind: str, value: str) -> str:
    """``value`` with its middle digits starred: 522301********1234, 138****5678,
    ***************1234. Separators stay; an administrator's pattern is starred
    whole. The country code of a phone number is part of what stays."""
    if kind not in _KEEP:
        return "*" * len(value)
    head, tail = _KEEP[kind]
    if kind == MOBILE:
        head += len(_digits(value)) - 11  # +86 stays with the first three digits
    count = sum(char.isdigit() or char in "Xx" for char in value)
    masked, seen = [], 0
    for char in value:
        if char.isdigit() or char in "Xx":
            visible = seen < head or seen >= count - tail
            masked.append(char if visible else "*")
            seen += 1
        else:
            masked.append(char)
    return "".join(masked)


def redact(text: str, patterns: Iterable[Pattern] = ()) -> str:
    """``text`` with every finding replaced by its masked form: the redaction
    helper, for text a person will read over before it is published."""
    parts, last = [], 0
    for finding in scan(text, patterns):
        parts += [text[last : finding.start], finding.masked]
        last = finding.end
    parts.append(text[last:])
    return "".join(parts)
