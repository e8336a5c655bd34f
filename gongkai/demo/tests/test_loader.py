"""``gongkai demo --no-serve``: loads the demo once, prints the logins, and a second
run changes nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.contrib.auth import authenticate

from gongkai.activities.models import Activity, ActivityChannel
from gongkai.agencies.codes import is_valid_credit_code
from gongkai.agencies.guide import Guide
from gongkai.agencies.models import (
    Agency,
    AgencyYear,
    AttestedFigure,
    Meeting,
    QueryPoint,
    Training,
)
from gongkai.applications.models import Application
from gongkai.cases.models import AdministrativeReview, Complaint, Litigation
from gongkai.catalog.models import ArchiveTransfer, Interpretation, Item, ItemChannel
from gongkai.demo.cli import demo
from gongkai.demo.region import AGENCIES, organisation_code_check_char

LEDGER_MODELS = (
    Agency,
    Guide,
    AgencyYear,
    QueryPoint,
    Meeting,
    Training,
    AttestedFigure,
    Item,
    ItemChannel,
    Interpretation,
    ArchiveTransfer,
    Application,
    AdministrativeReview,
    Litigation,
    Complaint,
    Activity,
    ActivityChannel,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in LEDGER_MODELS}


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_twice_leaves_the_same_records():
    """The second run finds everything in place and creates nothing."""
    runner = CliRunner()

    first = runner.invoke(demo, ["--no-serve"])
    after_first = counts()
    second = runner.invoke(demo, ["--no-serve"])

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert counts() == after_first
    assert after_first["Item"] > 10_000
    assert "本次新建记录 0 条" in second.output


@pytest.mark.django_db
def test_demo_prints_logins_that_work():
    """The staff login printed on start belongs to 兴义市应急管理局 and may read,
    not change, the ledger in the admin site; the administrator may do anything."""
    result = CliRunner().invoke(demo, ["--no-serve", "--only", "seed-003"])

    assert "兴义市应急管理局" in result.output
    assert "用户名 demo  密码 gongkai-demo" in result.output
    assert "用户名 admin  密码 gongkai-admin" in result.output
    staff = authenticate(username="demo", password="gongkai-demo")
    admin = authenticate(username="admin", password="gongkai-admin")
    assert staff.agency.name == "兴义市应急管理局"
    assert staff.has_perm("catalog.view_item")
    assert not staff.has_perm("catalog.change_item")
    assert not staff.is_superuser
    assert admin.is_staff and admin.is_superuser


@pytest.mark.django_db
def test_demo_publishes_the_seed_report_and_gives_every_role_a_login():
    """The portal has a report to show straight away: 兴义市应急管理局's 2019 report,
    published by its office head; reviewer and supervisor logins work too."""
    from gongkai.accounts.models import User
    from gongkai.reports.models import ReportVersion

    result = CliRunner().invoke(demo, ["--no-serve", "--only", "seed-003"])

    assert "已发布年度报告 1 份" in result.output
    version = ReportVersion.objects.get(agency__name="兴义市应急管理局", year=2019)
    assert version.format == "2019" and version.number == 1
    assert version.published_by.role == User.Role.OFFICE_HEAD
    supervisor = authenticate(username="demo-supervisor", password="gongkai-demo")
    assert supervisor.role == User.Role.SUPERVISOR
    assert supervisor.agency.name == "黔西南布依族苗族自治州人民政府"
    assert authenticate(username="demo-reviewer", password="gongkai-demo").role == (
        User.Role.REVIEWER
    )
    guide = Guide.objects.get(agency__name="兴义市应急管理局")
    assert (guide.office_name, guide.phone) == (
        "兴义市应急管理局综合股",
        "0859-3229766",
    )


@pytest.mark.django_db
def test_the_demo_items_can_be_found_by_the_catalogue_search():
    """Items written in bulk are indexed too: a visitor searching 安全生产 finds
    兴义市应急管理局's notices."""
    from gongkai.catalog.search import SearchQuery, search

    CliRunner().invoke(demo, ["--no-serve", "--only", "seed-003"])

    page = search(SearchQuery(text="安全生产"))
    assert page.total > 0
    assert all(hit.item.agency.name == "兴义市应急管理局" for hit in page.hits)


def test_every_demo_agency_has_a_valid_credit_code():
    """Generated codes pass both check characters (GB 32100 and GB 11714) and
    are unique."""
    codes = [spec.credit_code for spec in AGENCIES]

    assert all(is_valid_credit_code(code) for code in codes)
    assert len(set(codes)) == len(codes)
    assert all(code.startswith("11") for code in codes)  # 机构编制, 机关


@pytest.mark.parametrize(
    ("body", "check"),
    [("12345678", "8"), ("00000005", "1"), ("00000006", "X"), ("00000000", "0")],
)
def test_organisation_code_check_character(body, check):
    """GB 11714: 11 − (Σ cᵢwᵢ mod 11), weights 3 7 9 10 5 8 4 2; 10 is X, 11 is 0."""
    assert organisation_code_check_char(body) == check
