"""What an agency's name says: the region it belongs to, and whether it is a
government (whose report is due later, 《政府信息公开条例》第四十九条).

Names follow one pattern, places from the largest down, then the organ:
"佳木斯市前进区人民政府", "兴义市应急管理局", "贵州省人民政府". The region is the
places at the start of the name (up to a province, a city and a county or
district), so that a county's government and its departments share one region and
can be compared side by side.
"""

from __future__ import annotations

import re

# A place name: no level word (省市县区旗盟) and no organ word (局委办厅) inside.
_PLACE = "[^省市县区旗盟局委办厅]"
_REGION = re.compile(
    rf"^((?:{_PLACE}{{1,8}}(?:省|自治区))?"
    rf"(?:{_PLACE}{{1,12}}(?:市|州|盟|地区))?"
    rf"(?:{_PLACE}{{1,8}}(?:县|区|旗|市))?)"
)
_GOVERNMENT = re.compile(r"(?:人民政府|政府)$")
_PLACE_ONLY = re.compile(r"^.+(?:省|自治区|市|自治州|州|盟|县|区|旗)$")


def region_of(name: str) -> str:
    """The places that open ``name``: "兴义市应急管理局" → "兴义市", "佳木斯市前进区
    人民政府" → "佳木斯市前进区"; "" when the name starts with no place."""
    found = _REGION.match(name.strip())
    return found.group(1) if found else ""


def is_government(name: str) -> bool:
    """A people's government (or a report made for a whole region, such as
    "绵阳市安州区"), rather than one of its departments."""
    name = name.strip()
    return bool(_GOVERNMENT.search(name)) or (
        bool(_PLACE_ONLY.match(name)) and region_of(name) == name
    )
