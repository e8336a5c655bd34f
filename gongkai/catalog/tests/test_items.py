"""Recording items: the 索引号 (given once, never changed), the disclosure
attribute decided at creation, the metadata rules, and the Art. 26 deadline."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog import services
from gongkai.catalog.index_numbers import IndexPattern, PatternError
from gongkai.catalog.models import IndexNumberChanged, Item, ItemStatus
from gongkai.catalog.selectors import item_history, items_overdue, lateness_by_agency
from gongkai.catalog.timeliness import is_late
from gongkai.reports.indicators import Tally, evaluate
from gongkai.reports.scope import Scope
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

CODE = "11520000000000001X"


@pytest.mark.parametrize(
    ("pattern", "day", "serial", "expected"),
    [
        (
            "{统一社会信用代码}/{YYYY}-{NNNNN}",
            date(2025, 3, 3),
            7,
            f"{CODE}/2025-00007",
        ),
        (
            "{统一社会信用代码}/{YYYY}{MM}-{NNNNN}",
            date(2021, 10, 9),
            13,
            f"{CODE}/202110-00013",
        ),
        (
            "{组织机构代码}/{YYYY}-{NNNNN}",
            date(2018, 1, 1),
            4736,
            "000000001/2018-04736",
        ),
    ],
)
def test_a_pattern_makes_the_numbers_portals_use(pattern, day, serial, expected):
    made = IndexPattern(pattern).render(credit_code=CODE, day=day, serial=serial)
    assert made == expected


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{统一社会信用代码}/{YYYY}", "流水号"),
        ("{统一社会信用代码}/{NN}-{NNN}", "有且只有一个"),
        ("{YYYY}-{NNNNN}", "发布机构的代码"),
        ("{统一社会信用代码}/{年份}-{NNNNN}", "未知的占位符：年份"),
    ],
)
def test_a_pattern_that_cannot_make_numbers_is_refused(pattern, message):
    with pytest.raises(PatternError, match=message):
        IndexPattern(pattern)


def test_numbers_count_up_per_agency_and_year(staff, agency):
    other = factories.AgencyFactory()

    def record(on: date, whose=agency) -> str:
        return services.item_record(
            acting_user=None, agency=whose, title="通知", formed_on=on
        ).index_number

    code = agency.credit_code
    assert [record(date(2025, 1, 5)), record(date(2025, 6, 1))] == [
        f"{code}/2025-00001",
        f"{code}/2025-00002",
    ]
    assert record(date(2024, 12, 31)) == f"{code}/2024-00001"
    assert record(date(2025, 2, 1), other) == f"{other.credit_code}/2025-00001"


def test_a_number_already_taken_by_an_import_is_skipped(agency):
    factories.ItemFactory(
        agency=agency, index_number=f"{agency.credit_code}/2025-00001"
    )
    item = services.item_record(
        acting_user=None, agency=agency, title="通知", formed_on=date(2025, 1, 5)
    )
    assert item.index_number == f"{agency.credit_code}/2025-00002"


def test_the_index_number_never_changes(draft, staff):
    with pytest.raises(ValidationError, match="索引号由系统生成"):
        services.item_update(acting_user=staff.clerk, item=draft, index_number="X")
    item = Item.objects.get(pk=draft.pk)
    item.index_number = "X/2025-00001"
    with pytest.raises(IndexNumberChanged):
        item.save()


def test_an_agency_without_a_code_cannot_number_its_items():
    agency = factories.AgencyFactory(credit_code=None)
    with pytest.raises(ValidationError, match="没有统一社会信用代码"):
        services.item_record(
            acting_user=None, agency=agency, title="通知", formed_on=date(2025, 1, 5)
        )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"disclosure": "withheld"}, "disclosure_basis", "不予公开的依据应为"),
        (
            {"disclosure": "withheld", "disclosure_basis": "art15"},
            "disclosure_reason",
            "须说明理由",
        ),
        ({"disclosure": "on_request"}, "disclosure_reason", "须说明理由"),
        (
            {"disclosure": "proactive", "disclosure_basis": "art14"},
            "disclosure_basis",
            "主动公开的依据应为",
        ),
        ({"category": "杂项"}, "category", "信息类别应为：机构职能"),
        ({"validity": "repealed"}, "repealed_on", "须填写废止"),
        (
            {"validity": "valid", "repealed_on": date(2025, 6, 1)},
            "validity",
            "不能为“有效”",
        ),
        ({"changed_on": date(2024, 1, 1)}, "changed_on", "不能早于生成日期"),
    ],
)
def test_metadata_that_breaks_a_rule_is_refused_by_field(
    agency, fields, field, message
):
    with pytest.raises(ValidationError) as refused:
        services.item_record(
            acting_user=None,
            agency=agency,
            title="文件",
            formed_on=date(2025, 3, 3),
            **fields,
        )
    assert message in refused.value.message_dict[field][0]


def test_a_withheld_item_records_its_article_and_reason(agency):
    item = services.item_record(
        acting_user=None,
        agency=agency,
        title="某企业的投标文件",
        formed_on=date(2025, 3, 3),
        disclosure="withheld",
        disclosure_basis="art15",
        disclosure_reason="涉及商业秘密",
    )
    assert (item.get_disclosure_basis_display(), item.publish_due_on) == (
        "第十五条",
        None,
    )


def test_a_repeal_date_makes_the_document_repealed(agency):
    item = services.item_record(
        acting_user=None,
        agency=agency,
        title="管理办法",
        formed_on=date(2020, 3, 3),
        document_kind="normative",
        repealed_on=date(2025, 1, 1),
    )
    assert item.get_validity_display() == "废止"


# -- the Art. 26 deadline ------------------------------------------------------------


@pytest.mark.parametrize(
    ("formed_on", "changed_on", "due_on"),
    [
        # 20 working days after 26 Sept 2025 skip 国庆 and count the 调休 Sundays.
        (date(2025, 9, 26), None, date(2025, 10, 30)),
        # Formed before 春节 2025 (28 Jan – 4 Feb; 26 Jan and 8 Feb worked).
        (date(2025, 1, 20), None, date(2025, 2, 21)),
        (date(2025, 1, 2), date(2025, 9, 26), date(2025, 10, 30)),
    ],
)
def test_the_deadline_is_20_working_days_after_formed_or_changed(
    agency, formed_on, changed_on, due_on
):
    item = services.item_record(
        acting_user=None,
        agency=agency,
        title="通知",
        formed_on=formed_on,
        changed_on=changed_on,
    )
    assert item.publish_due_on == due_on


@pytest.mark.parametrize(
    ("published_on", "today", "late"),
    [
        (date(2025, 10, 30), None, False),
        (date(2025, 10, 31), None, True),
        (None, date(2025, 10, 30), False),
        (None, date(2025, 10, 31), True),
    ],
)
def test_an_item_is_late_once_past_its_due_date(published_on, today, late):
    due_on = date(2025, 10, 30)
    assert is_late(due_on=due_on, published_on=published_on, today=today) is late


def test_late_items_are_counted_per_agency_and_year(government, agency):
    departments = list(government.children.order_by("name"))
    published = [
        (date(2025, 3, 5), date(2025, 4, 9)),  # 卫生健康局: one late
        (date(2025, 3, 5), date(2025, 3, 31)),  # 教育局: the last on its due day
    ]
    for department, days in zip(departments, published, strict=True):
        for day in days:
            factories.ItemFactory(
                agency=department,
                formed_on=date(2025, 3, 3),
                publish_due_on=date(2025, 3, 31),
                published_on=day,
            )
    rows = lateness_by_agency(
        agency_ids=government.subtree().values("pk"),
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )
    assert [(r["agency__name"], r["published"], r["late"]) for r in rows] == [
        ("测试县卫生健康局", 2, 1),
        ("测试县教育局", 2, 0),
    ]
    tally = Tally(Scope(government, region=True), 2025)
    assert evaluate(tally, "catalog.published_late", {})[0] == 1


def test_unpublished_items_past_their_deadline_are_overdue(agency):
    factories.ItemFactory(agency=agency, draft=True, publish_due_on=date(2025, 3, 31))
    factories.ItemFactory(
        agency=agency,
        status=ItemStatus.REVIEW,
        published_on=None,
        publish_due_on=date(2025, 5, 1),
    )
    overdue = items_overdue(agency_ids=[agency.pk], today=date(2025, 4, 1))
    assert overdue.count() == 1


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("GONGKAI_INDEX_NUMBER_PATTERN", "{YYYY}-{NNNNN}", "catalog.E001"),
        ("GONGKAI_CATALOG_REVIEW_ROLES", {"sign_off": ["mayor"]}, "catalog.E002"),
    ],
)
def test_settings_that_cannot_work_are_reported_at_start_up(
    settings, setting, value, check_id
):
    from django.core import checks

    setattr(settings, setting, value)
    assert check_id in {error.id for error in checks.run_checks()}


def test_a_holiday_added_to_the_calendar_moves_the_deadlines_it_crosses(agency):
    from gongkai.workdays.services import calendar_day_set

    item = services.item_record(
        acting_user=None, agency=agency, title="通知", formed_on=date(2025, 3, 3)
    )
    assert item.publish_due_on == date(2025, 3, 31)
    calendar_day_set(acting_user=None, day=date(2025, 3, 10), kind="holiday", name="试")
    item.refresh_from_db()
    assert item.publish_due_on == date(2025, 4, 1)
    assert item_history(item).first().data["to"] == "2025-04-01"
