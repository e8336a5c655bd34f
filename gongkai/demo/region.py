"""The demo region: a small tree of real and synthetic administrative organs.

Two branches follow the agencies behind seeds 003 and 002 (兴义市应急管理局,
临沂市民政局); 青溪县 is invented for the demo and carries synthetic ledgers. The
统一社会信用代码 are generated (plausible, valid check characters), not the organs'
real codes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongkai.agencies.codes import credit_code_check_char
from gongkai.agencies.models import Agency

Level = Agency.Level
Kind = Agency.Kind

# GB 11714-1997: weights of the eight body characters of an organisation code.
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class AgencySpec:
    """One organ of the demo tree. ``key`` is the demo's own handle for it."""

    key: str
    name: str
    short_name: str
    division: str  # 行政区划代码 of the area it governs
    level: str
    kind: str
    parent: str | None = None

    @property
    def credit_code(self) -> str:
        return government_credit_code(self.division, self.name)


def organisation_code_check_char(body: str) -> str:
    """GB 11714-1997: 11 − (Σ cᵢwᵢ mod 11), with 10 written X and 11 written 0."""
    total = sum(
        int(c, 36) * w for c, w in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def organisation_code(name: str) -> str:
    """A plausible nine-character 组织机构代码 derived from ``name``.

    Government organs' codes usually start with 0; the rest of the body is taken
    from a hash of the name, so that it is the same from run to run.
    """
    body = "0" + str(int(hashlib.sha256(name.encode()).hexdigest(), 16))[:7]
    return body + organisation_code_check_char(body)


def government_credit_code(division: str, name: str) -> str:
    """统一社会信用代码 of a government organ (GB 32100-2015).

    登记管理部门 1 (机构编制) and 机构类别 1 (机关), then the 行政区划代码, the
    organisation code and the check character over the first seventeen.
    """
    first17 = "11" + division + organisation_code(name)
    return first17 + credit_code_check_char(first17)


XINGYI_EMERGENCY = "xingyi-emergency"
LINYI_CIVIL_AFFAIRS = "linyi-civil-affairs"
QINGXI_GOVERNMENT = "qingxi-government"
QIANXINAN_GOVERNMENT = "qianxinan"  # supervises 兴义市 and 青溪县

AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec(
        "guizhou", "贵州省人民政府", "贵州省", "520000", Level.PROVINCE, Kind.GOVERNMENT
    ),
    AgencySpec(
        "qianxinan",
        "黔西南布依族苗族自治州人民政府",
        "黔西南州",
        "522300",
        Level.CITY,
        Kind.GOVERNMENT,
        "guizhou",
    ),
    AgencySpec(
        "xingyi",
        "兴义市人民政府",
        "兴义市",
        "522301",
        Level.COUNTY,
        Kind.GOVERNMENT,
        "qianxinan",
    ),
    AgencySpec(
        XINGYI_EMERGENCY,
        "兴义市应急管理局",
        "市应急局",
        "522301",
        Level.COUNTY,
        Kind.DEPARTMENT,
        "xingyi",
    ),
    AgencySpec(
        "xingyi-civil-affairs",
        "兴义市民政局",
        "市民政局",
        "522301",
        Level.COUNTY,
        Kind.DEPARTMENT,
        "xingyi",
    ),
    AgencySpec(
        "xingyi-finance",
        "兴义市财政局",
        "市财政局",
        "522301",
        Level.COUNTY,
        Kind.DEPARTMENT,
        "xingyi",
    ),
    # 青溪县 is invented: 522329 is not a division code in use (黔西南州's
    # counties end at 522328).
    AgencySpec(
        QINGXI_GOVERNMENT,
        "青溪县人民政府",
        "青溪县",
        "522329",
        Level.COUNTY,
        Kind.GOVERNMENT,
        "qianxinan",
    ),
    AgencySpec(
        "qingxi-education",
        "青溪县教育局",
        "县教育局",
        "522329",
        Level.COUNTY,
        Kind.DEPARTMENT,
        QINGXI_GOVERNMENT,
    ),
    AgencySpec(
        "qingxi-health",
        "青溪县卫生健康局",
        "县卫生健康局",
        "522329",
        Level.COUNTY,
        Kind.DEPARTMENT,
        QINGXI_GOVERNMENT,
    ),
    AgencySpec(
        "qingxi-natural-resources",
        "青溪县自然资源局",
        "县自然资源局",
        "522329",
        Level.COUNTY,
        Kind.DEPARTMENT,
        QINGXI_GOVERNMENT,
    ),
    AgencySpec(
        "qingxi-market",
        "青溪县市场监督管理局",
        "县市场监管局",
        "522329",
        Level.COUNTY,
        Kind.DEPARTMENT,
        QINGXI_GOVERNMENT,
    ),
    AgencySpec(
        "shandong",
        "山东省人民政府",
        "山东省",
        "370000",
        Level.PROVINCE,
        Kind.GOVERNMENT,
    ),
    AgencySpec(
        "linyi",
        "临沂市人民政府",
        "临沂市",
        "371300",
        Level.CITY,
        Kind.GOVERNMENT,
        "shandong",
    ),
    AgencySpec(
        LINYI_CIVIL_AFFAIRS,
        "临沂市民政局",
        "市民政局",
        "371300",
        Level.CITY,
        Kind.DEPARTMENT,
        "linyi",
    ),
)

SPECS: dict[str, AgencySpec] = {spec.key: spec for spec in AGENCIES}


def region_ensure() -> dict[str, Agency]:
    """Create the tree, or bring it back to these names and places; by demo key.

    The credit code is the natural key: running this twice changes nothing.
    """
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:  # parents come before their children
        parent = agencies[spec.parent] if spec.parent else None
        agency = Agency.objects.filter(credit_code=spec.credit_code).first()
        if agency is None:
            agency = Agency(credit_code=spec.credit_code)
        fields = {
            "name": spec.name,
            "short_name": spec.short_name,
            "level": spec.level,
            "kind": spec.kind,
            "parent": parent,
        }
        changed = agency.pk is None or any(
            getattr(agency, field) != value for field, value in fields.items()
        )
        if changed:
            for field, value in fields.items():
                setattr(agency, field, value)
            agency.save()
        agencies[spec.key] = agency
    return agencies
