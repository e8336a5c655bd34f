"""Once a year's annual report is published, what the catalogue counts in that year
(an item published, corrected or withdrawn, a channel's date, an interpretation,
a transfer to the archives, an imported published item) changes only as an
adjustment with a reason, by an office head."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Adjustment
from gongkai.agencies.periods import year_close
from gongkai.catalog import services
from gongkai.catalog.models import Item, ItemStatus
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.workdays.selectors import work_calendar

from .conftest import PUBLISHED

pytestmark = pytest.mark.django_db

REASON = "补录漏报的2025年信息"


@pytest.fixture
def closed(agency):
    """2025's report of the agency is published."""
    return year_close(agency=agency, year=2025, acting_user=None)


def _refused_without_adjustment(call) -> None:
    events = Event.objects.count()
    with pytest.raises(Refused, match="年度报告已经发布") as refusal:
        call()
    assert refusal.value.code == "year_closed"
    assert Event.objects.count() == events


def test_publishing_into_a_closed_year_is_refused(draft, staff, walk, closed):
    walk(draft, ItemStatus.SIGN_OFF)
    _refused_without_adjustment(
        lambda: services.item_publish(
            acting_user=staff.head, item=draft, channels={"website": PUBLISHED}
        )
    )
    assert Item.objects.get(pk=draft.pk).status == ItemStatus.SIGN_OFF


def test_an_office_head_publishes_into_a_closed_year_as_an_adjustment(
    draft, staff, walk, closed
):
    walk(draft, ItemStatus.SIGN_OFF)
    services.item_publish(
        acting_user=staff.head,
        item=draft,
        channels={"website": PUBLISHED},
        adjustment=REASON,
    )
    assert Item.objects.get(pk=draft.pk).status == ItemStatus.PUBLISHED
    adjustment = Adjustment.objects.get()
    assert (adjustment.year, adjustment.reason, adjustment.made_by) == (
        2025,
        REASON,
        staff.head,
    )
    assert draft.index_number in adjustment.what


def test_an_adjustment_is_an_office_heads(draft, staff, walk, agency):
    """A reviewer may correct an item, but not a closed year's figures."""
    walk(draft, ItemStatus.PUBLISHED)  # published on 2025-03-10
    year_close(agency=agency, year=2025, acting_user=None)
    with pytest.raises(NotPermitted):
        services.item_correct(
            acting_user=staff.reviewer,
            item=draft,
            reason="标题漏字",
            changes={"title": "关于开展全市安全生产大检查的通知"},
            adjustment=REASON,
        )
    assert not Adjustment.objects.exists()


def test_correcting_withdrawing_and_adding_channels_in_a_closed_year_are_refused(
    draft, staff, walk, agency
):
    walk(draft, ItemStatus.PUBLISHED)
    year_close(agency=agency, year=2025, acting_user=None)
    _refused_without_adjustment(
        lambda: services.item_correct(
            acting_user=staff.head,
            item=draft,
            reason="标题漏字",
            changes={"title": "关于开展全市安全生产大检查的通知"},
        )
    )
    _refused_without_adjustment(
        lambda: services.item_withdraw(
            acting_user=staff.head, item=draft, reason="已被替代"
        )
    )
    _refused_without_adjustment(
        lambda: services.item_channels_add(
            acting_user=staff.clerk, item=draft, channels={"weixin": PUBLISHED}
        )
    )
    services.item_withdraw(
        acting_user=staff.head, item=draft, reason="已被替代", adjustment=REASON
    )
    assert Item.objects.get(pk=draft.pk).status == ItemStatus.WITHDRAWN


def test_a_later_year_stays_open(draft, staff, walk, agency):
    """Only the closed year is locked: publishing in 2025 with 2024 closed is
    ordinary work."""
    year_close(agency=agency, year=2024, acting_user=None)
    walk(draft, ItemStatus.PUBLISHED)
    assert not Adjustment.objects.exists()


def test_archive_transfers_and_interpretations_of_a_closed_year_are_refused(
    draft, staff, walk, agency
):
    walk(draft, ItemStatus.PUBLISHED)
    # Drafted after its document was published, it is published on its own.
    interpretation = services.interpretation_record(
        acting_user=staff.clerk, item=draft, title="政策解读"
    )
    year_close(agency=agency, year=2025, acting_user=None)
    _refused_without_adjustment(
        lambda: services.archive_transfer_record(
            acting_user=staff.clerk,
            agency=agency,
            sent_on=date(2025, 4, 1),
            recipient="市档案馆",
            items=[draft],
        )
    )
    _refused_without_adjustment(
        lambda: services.interpretation_publish(
            acting_user=staff.clerk,
            interpretation=interpretation,
            published_on=PUBLISHED,
        )
    )


def test_importing_published_items_of_a_closed_year_is_refused(agency, closed):
    csv = (
        "索引号,名称,生成日期,发布日期\n,2025年第一季度工作动态,2025-04-01,2025-04-03\n"
    )
    with pytest.raises(ValidationError, match="年度报告已经发布"):
        services.catalog_import(
            acting_user=None,
            agency=agency,
            file=io.BytesIO(csv.encode()),
            filename="目录.csv",
        )
    assert not Item.objects.exists()
    services.catalog_import(
        acting_user=None,
        agency=agency,
        file=io.BytesIO(csv.encode()),
        filename="目录.csv",
        adjustment="迁移历史目录",
    )
    assert Item.objects.get().status == ItemStatus.PUBLISHED


def test_a_calendar_change_leaves_the_deadlines_of_a_closed_year_alone(
    draft, staff, walk, agency
):
    """A draft of the same year gets its deadline derived again; the item
    published in the closed year keeps the one its report counted."""
    walk(draft, ItemStatus.PUBLISHED)
    other = services.item_record(
        acting_user=staff.clerk, agency=agency, title="草稿", formed_on=draft.formed_on
    )
    year_close(agency=agency, year=2025, acting_user=None)
    stale = date(2025, 1, 1)
    Item.objects.filter(pk__in=[draft.pk, other.pk]).update(publish_due_on=stale)
    moved = services.due_dates_recompute(
        acting_user=None, calendar=work_calendar(), years=[2025]
    )
    assert moved == 1
    assert Item.objects.get(pk=draft.pk).publish_due_on == stale
    assert Item.objects.get(pk=other.pk).publish_due_on != stale
