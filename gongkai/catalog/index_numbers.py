"""索引号: the identifier of a catalogue item, built from a pattern (pure).

《政府信息公开目录系统实施指引（试行）》: the 索引号 "是每条信息唯一不变的标识，一经生成
不因发布机构变更而更改", written "前段码/后段码": the publisher's code, then a 4-digit
year and a 5-digit serial joined by "-". Local portals vary (``…/202110-00013``, a
9-character 组织机构代码), so the pattern is the setting
``GONGKAI_INDEX_NUMBER_PATTERN``. Its tokens:

- ``{统一社会信用代码}``: the agency's 18-character code;
- ``{组织机构代码}``: the 9-character organisation code inside it (characters 9–17);
- ``{YYYY}``, ``{MM}``, ``{DD}``: of the item's 生成日期;
- ``{NNNNN}``: the serial, zero-padded to as many digits as there are ``N``; serials
  are counted per *prefix*, the number with the serial left out (by default one
  agency's year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

TOKEN = re.compile(r"\{([^{}]*)\}")
SERIAL = re.compile(r"N+")
SERIAL_PLACE = "{N}"  # no literal braces survive substitution
CODE_TOKENS = {"统一社会信用代码", "组织机构代码"}
DATE_TOKENS = {"YYYY", "MM", "DD"}


class PatternError(ValueError):
    """A pattern that cannot make index numbers."""


@dataclass(frozen=True)
class IndexPattern:
    text: str

    def __post_init__(self) -> None:
        tokens = TOKEN.findall(self.text)
        unknown = [
            t
            for t in tokens
            if t not in CODE_TOKENS | DATE_TOKENS and not SERIAL.fullmatch(t)
        ]
        if unknown:
            raise PatternError(f"索引号格式中有未知的占位符：{'、'.join(unknown)}")
        serials = [t for t in tokens if SERIAL.fullmatch(t)]
        if len(serials) != 1:
            raise PatternError("索引号格式须有且只有一个流水号占位符，如 {NNNNN}。")
        if not CODE_TOKENS & set(tokens):
            raise PatternError("索引号格式须含发布机构的代码，如 {统一社会信用代码}。")

    @property
    def serial_width(self) -> int:
        return next(len(t) for t in TOKEN.findall(self.text) if SERIAL.fullmatch(t))

    def prefix(self, *, credit_code: str, day: date) -> str:
        """The number with its serial left out: the key serials are counted by."""
        values = {
            "统一社会信用代码": credit_code,
            "组织机构代码": organisation_code(credit_code),
            "YYYY": f"{day.year:04d}",
            "MM": f"{day.month:02d}",
            "DD": f"{day.day:02d}",
        }

        def fill(match: re.Match[str]) -> str:
            token = match.group(1)
            return SERIAL_PLACE if SERIAL.fullmatch(token) else values[token]

        return TOKEN.sub(fill, self.text)

    def render(self, *, credit_code: str, day: date, serial: int) -> str:
        number = str(serial).zfill(self.serial_width)
        if len(number) > self.serial_width:
            raise PatternError(
                f"流水号 {serial} 超出了索引号格式的 {self.serial_width} 位。"
            )
        return self.prefix(credit_code=credit_code, day=day).replace(
            SERIAL_PLACE, number
        )


def organisation_code(credit_code: str) -> str:
    """The 9-character 组织机构代码 inside an 18-character 统一社会信用代码
    (GB 32100-2015: characters 9 to 17)."""
    return credit_code[8:17]
