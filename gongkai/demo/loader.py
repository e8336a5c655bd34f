"""Loading the whole demo: the region, the two seed agencies, the synthetic county
and the demo logins. Idempotent: a second load creates nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import Permission
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.core.bench import analyze

from . import PART_NAMES
from .cases_demo import cases_demo_ensure
from .catalog_content import catalog_content_ensure
from .directives_demo import UNIT_HEAD, directives_demo_ensure
from .guides import guides_ensure
from .ledger import Ledger, ledger_write
from .narratives import narratives_write
from .region import (
    LINYI_CIVIL_AFFAIRS,
    QIANXINAN_GOVERNMENT,
    SPECS,
    XINGYI_EMERGENCY,
    region_ensure,
)
from .region_report_demo import region_report_demo_ensure
from .register_demo import register_demo_ensure
from .seed_linyi import linyi_ledger
from .seed_xingyi import xingyi_ledger
from .synthetic import synthetic_ledgers
from .transfer_demo import transfer_demo_ensure

DEMO_STAFF = ("demo", "gongkai-demo")
LEDGER_APPS = ("agencies", "catalog", "applications", "cases", "activities", "reports")
DEMO_ADMIN = ("admin", "gongkai-admin")


@dataclass
class LoadedAgency:
    agency: Agency
    years: list[int]
    counts: dict[str, int]
    created: int


@dataclass
class DemoSummary:
    """What a load did, for the command to print."""

    agencies: list[LoadedAgency] = field(default_factory=list)
    logins: dict[str, tuple[str, str]] = field(default_factory=dict)
    published: int = 0  # annual reports published by this load

    @property
    def created(self) -> int:
        return sum(a.created for a in self.agencies)


def _seed_003() -> dict[str, Ledger]:
    return {XINGYI_EMERGENCY: xingyi_ledger(_guizhou_attested_keys())}


def _seed_002() -> dict[str, Ledger]:
    return {LINYI_CIVIL_AFFAIRS: linyi_ledger()}


# The demo's parts, each building the ledgers of its agencies (by demo key).
PARTS: dict[str, Callable[[], dict[str, Ledger]]] = {
    "seed-003": _seed_003,
    "seed-002": _seed_002,
    "synthetic": synthetic_ledgers,
}
assert tuple(PARTS) == PART_NAMES, "gongkai.demo.PART_NAMES names the same parts"


def demo_load(parts: Iterable[str] = PART_NAMES) -> DemoSummary:
    """Load (or complete) the demo, or some of its ``parts``; the region and the
    logins always. Each agency is written in its own transaction."""
    with transaction.atomic():
        agencies = region_ensure()
        staff = _demo_staff(agencies[XINGYI_EMERGENCY])
        _demo_admin()
        head = _demo_colleagues(
            agencies[XINGYI_EMERGENCY], agencies[QIANXINAN_GOVERNMENT]
        )
    summary = DemoSummary(
        logins={
            "工作人员（兴义市应急管理局，/workspace/）": DEMO_STAFF,
            **{label: (username, DEMO_STAFF[1]) for username, label, *_ in COLLEAGUES},
            "系统管理员（/admin/）": DEMO_ADMIN,
        }
    )
    ledgers = {key: ledger for part in parts for key, ledger in PARTS[part]().items()}
    for key, ledger in ledgers.items():
        agency = agencies[key]
        attester = staff if key == XINGYI_EMERGENCY else _attester(key, agency, ledger)
        created = ledger_write(agency, ledger, attester=attester)
        summary.agencies.append(
            LoadedAgency(
                agency, sorted({y.year for y in ledger.years}), ledger.counts(), created
            )
        )
    if summary.created:
        # Fresh statistics before the reports are built from thousands of new
        # rows: without them PostgreSQL plans joins as if the tables were empty.
        analyze()
    guides_ensure(agencies)
    summary.published = _reports_publish(summary.agencies, head)
    # -- casework added after the ledgers (each call idempotent, one line each) --
    cases_demo_ensure(agencies)
    transfer_demo_ensure(agencies)
    directives_demo_ensure(agencies)
    catalog_content_ensure(agencies)
    region_report_demo_ensure(agencies)
    register_demo_ensure(agencies)  # after the others: it reads their applications
    if User.objects.filter(username=UNIT_HEAD[0]).exists():  # answers the 督办
        summary.logins["信息公开工作机构负责人（青溪县人民政府，答复督办）"] = UNIT_HEAD
    if summary.created:
        _search_index_rebuild()
    return summary


def _search_index_rebuild() -> None:
    """The demo writes its items in bulk, past the services that index them one by
    one; so the catalogue search sees them, the index is built again once."""
    from gongkai.catalog.search import search_rebuild

    search_rebuild(acting_user=None)


def _guizhou_attested_keys() -> tuple[str, ...]:
    """The keys 贵州's format adds (政务公开监督员); the format file is their home."""
    from gongkai.reports.formats import FormatError, get_format

    try:
        return tuple(get_format("guizhou-2019").attested)
    except FormatError:
        return ()


def _demo_staff(agency: Agency) -> User:
    """The login printed on start: a member of 兴义市应急管理局's 综合股.

    Until the staff workspace exists, the demo lets this user read (only read) the
    ledger in the admin site, which the tutorial walks through.
    """
    username, password = DEMO_STAFF
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"first_name": "演示", "last_name": "综合股", "agency": agency},
    )
    user.role = User.Role.STAFF
    user.agency = agency
    user.is_staff = True
    _password_ensure(user, password)
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=LEDGER_APPS, codename__startswith="view_"
        )
    )
    return user


# The other roles of the workspace, each with the demo staff password:
# (username, what the login is for, role, at the region's government or not).
COLLEAGUES = (
    # Two reviewers and the office head: 初审、审核、审发 are signed by three
    # different people (GONGKAI_CATALOG_DISTINCT_REVIEWERS), so the demo office can
    # publish: demo drafts, demo-reviewer clears secrecy and signs 初审,
    # demo-reviewer2 signs 审核, demo-head signs 审发 and publishes.
    (
        "demo-reviewer",
        "审核人（保密审查、初审；兴义市应急管理局）",
        User.Role.REVIEWER,
        False,
    ),
    ("demo-reviewer2", "审核人（审核；兴义市应急管理局）", User.Role.REVIEWER, False),
    (
        "demo-head",
        "信息公开工作机构负责人（兴义市应急管理局）",
        User.Role.OFFICE_HEAD,
        False,
    ),
    (
        "demo-supervisor",
        "监督人员（黔西南州人民政府，含所属单位）",
        User.Role.SUPERVISOR,
        True,
    ),
)


def _demo_colleagues(agency: Agency, government: Agency) -> User:
    """The reviewer, the office head and a supervisor of the region; returns the
    office head, who signs off the demo's published reports."""
    users = {}
    for username, _label, role, at_government in COLLEAGUES:
        user, _ = User.objects.get_or_create(username=username)
        user.role = role
        user.agency = government if at_government else agency
        _password_ensure(user, DEMO_STAFF[1])
        user.save()
        users[role] = user
    return users[User.Role.OFFICE_HEAD]


def _reports_publish(loaded: list[LoadedAgency], head: User) -> int:
    """Publish each loaded agency's report on every finished year, as the office
    would each January (narrative written, submitted, signed off by the office
    head, published), so the portal has reports to show. Years already published
    are left alone (a published report is only ever corrected)."""
    from gongkai.reports.selectors import latest_version
    from gongkai.reports.services import report_publish_through_review

    published = 0
    for entry in loaded:
        for year in entry.years:
            if year >= date.today().year or latest_version(
                agency=entry.agency, year=year
            ):
                continue
            # The demo's office head signs off her own agency's reports; the
            # others are seeded by the system.
            user = head if entry.agency == head.agency else None
            narratives_write(entry.agency, year, user)
            if entry.agency.children.exists():  # its report of the region, too
                narratives_write(entry.agency, year, user, region=True)
            report_publish_through_review(
                agency=entry.agency, year=year, acting_user=user
            )
            published += 1
    return published


# What the demo's offices write where gongkai's draft leaves them a 【…】 to fill.
def _demo_admin() -> User:
    username, password = DEMO_ADMIN
    user, _ = User.objects.get_or_create(username=username)
    user.role = User.Role.ADMINISTRATOR
    user.is_staff = user.is_superuser = True
    _password_ensure(user, password)
    user.save()
    return user


def _password_ensure(user: User, password: str) -> None:
    """Reset the demo password if someone changed it; leave the hash alone if not."""
    if not user.check_password(password):
        user.set_password(password)


def _attester(key: str, agency: Agency, ledger: Ledger) -> User | None:
    """Each agency's figures are attested by one of its own staff, who has no
    password in the demo."""
    if not ledger.attested:
        return None
    user, created = User.objects.get_or_create(
        username=f"staff-{key}",
        defaults={
            "first_name": SPECS[key].short_name,
            "last_name": "办公室",
            "agency": agency,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
