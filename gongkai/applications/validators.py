"""What an applicant's identity document, telephone and postcode look like (pure).

《政府信息公开条例》第二十九条第二款第一项: an application gives the applicant's
name, proof of identity and contact details. The public's online form and the
staff's registration form check them alike:

- 居民身份证号码: 18 characters whose check character is right (GB 11643-1999, the
  check itself is ``catalog.privacy.id_check_char``, the one copy), or an old
  15-digit number (first-generation cards, 19YYMMDD date of birth) with a real date;
- 统一社会信用代码: 18 characters whose check character is right (GB 32100-2015);
- a passport or another document: letters and digits (5 to 30 of them);
- a telephone: a mainland mobile (1[3-9] and nine digits, +86 allowed), a landline
  with its area code (区号-号码, an extension after - or 转), or an international
  number beginning with + and a country code;
- a postcode (邮政编码): six digits.

Digits are ASCII digits only: ``str.isdigit`` accepts ² and full-width digits, these
checks do not. Each ``*_problem`` returns the Chinese message that says what is
wrong, or "" for a good value; ``*_validator`` raise it as a ``ValidationError``.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

from gongkai.catalog.privacy import id_check_char

RESIDENT_ID = "resident_id"
PASSPORT = "passport"
CREDIT_CODE = "credit_code"
OTHER = "other"

_DIGITS_17 = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
_DIGITS_15 = re.compile(r"[0-9]{15}", re.ASCII)
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_RE = re.compile(f"[{_CREDIT_CHARS}]{{18}}", re.ASCII)
_DOCUMENT_RE = re.compile(r"[A-Z0-9]{5,30}", re.ASCII)

_MOBILE_RE = re.compile(r"(?:\+?86)?1[3-9][0-9]{9}", re.ASCII)
_LANDLINE_RE = re.compile(
    r"(?:\+?86-?)?(?:0[0-9]{2,3}-?|\(0[0-9]{2,3}\))[1-9][0-9]{6,7}"
    r"(?:(?:-|转|#)[0-9]{1,6})?",
    re.ASCII,
)
_INTERNATIONAL_RE = re.compile(r"\+(?!86)[1-9][0-9]{0,3}-?[0-9]{4,14}", re.ASCII)
_POSTCODE_RE = re.compile(r"[0-9]{6}", re.ASCII)
_SEPARATORS = str.maketrans("", "", " \u3000")


def _born_on(year: int, month: int, day: int) -> date | None:
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    return born if date(1880, 1, 1) <= born <= date.today() else None


def credit_check_char(first17: str) -> str:
    """The check character of a 统一社会信用代码 (GB 32100-2015, MOD 31)."""
    total = sum(
        _CREDIT_CHARS.index(char) * weight
        for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def resident_id_problem(number: str) -> str:
    """Why ``number`` is not a 居民身份证号码 (GB 11643-1999), or ""."""
    number = number.strip().upper()
    if _DIGITS_15.fullmatch(number):
        born = _born_on(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
        if number[0] in "12345678" and born is not None:
            return ""
        return "15位身份证号码的地区码或出生日期无效。"
    if not _DIGITS_17.fullmatch(number):
        return "居民身份证号码应为18位（最后一位可以是X），或旧的15位数字。"
    born = _born_on(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    if number[0] not in "12345678" or born is None:
        return "身份证号码的地区码或出生日期无效。"
    if id_check_char(number[:17]) != number[17]:
        return "身份证号码的校验位不正确，请核对。"
    return ""


def credit_code_problem(code: str) -> str:
    """Why ``code`` is not a 统一社会信用代码 (GB 32100-2015), or ""."""
    code = code.strip().upper()
    if not _CREDIT_RE.fullmatch(code):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。"
    if credit_check_char(code[:17]) != code[17]:
        return "统一社会信用代码的校验位不正确，请核对。"
    return ""


def id_number_problem(kind: str, number: str) -> str:
    """Why ``number`` is not a number of document ``kind``, or ""."""
    if kind == RESIDENT_ID:
        return resident_id_problem(number)
    if kind == CREDIT_CODE:
        return credit_code_problem(number)
    if not _DOCUMENT_RE.fullmatch(number.strip().upper()):
        return "证件号码应为5至30位字母或数字。"
    return ""


def phone_problem(phone: str) -> str:
    """Why ``phone`` is not a telephone number gongkai can call, or ""."""
    compact = phone.translate(_SEPARATORS)
    if (
        _MOBILE_RE.fullmatch(compact.replace("-", ""))
        or _LANDLINE_RE.fullmatch(compact)
        or _INTERNATIONAL_RE.fullmatch(compact)
    ):
        return ""
    return (
        "请填写有效的电话号码：手机号码（11位，1开头），"
        "或带区号的固定电话（如 010-12345678，分机号可写在 - 或“转”之后）。"
    )


def postcode_problem(postcode: str) -> str:
    """Why ``postcode`` is not a 邮政编码, or ""."""
    if _POSTCODE_RE.fullmatch(postcode.strip()):
        return ""
    return "邮政编码应为6位数字。"


def phone_validator(value: str) -> None:
    if problem := phone_problem(value):
        raise ValidationError(problem, code="phone")


def postcode_validator(value: str) -> None:
    if problem := postcode_problem(value):
        raise ValidationError(problem, code="postcode")
