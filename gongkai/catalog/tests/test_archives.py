"""Items sent to archives and libraries in batches (第二十五条), counted by the
report per medium."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog.selectors import items_not_transferred
from gongkai.catalog.services import archive_transfer_record
from gongkai.reports.indicators import Tally, evaluate
from gongkai.reports.scope import Scope
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


def test_a_batch_records_its_items_and_the_report_counts_them(agency):
    items = factories.ItemFactory.create_batch(3, agency=agency)
    archive_transfer_record(
        acting_user=None,
        agency=agency,
        sent_on=date(2021, 12, 20),
        recipient="测试市档案馆",
        items=items,
        paper=True,
        electronic=True,
    )
    tally = Tally(Scope(agency), 2021)
    assert evaluate(tally, "catalog.archive_items", {"medium": "paper"})[0] == 3
    assert evaluate(tally, "catalog.archive_items", {})[0] == 6


def test_the_next_batch_holds_what_the_recipient_has_not_had(agency):
    first, second = factories.ItemFactory.create_batch(2, agency=agency)
    archive_transfer_record(
        acting_user=None,
        agency=agency,
        sent_on=date(2021, 6, 1),
        recipient="测试市档案馆",
        items=[first],
    )
    pending = items_not_transferred(
        agency_ids=[agency.pk], recipient="测试市档案馆", until=date(2021, 12, 31)
    )
    assert list(pending) == [second]
    library = items_not_transferred(
        agency_ids=[agency.pk], recipient="测试市图书馆", until=date(2021, 12, 31)
    )
    assert library.count() == 2


def test_a_batch_of_unpublished_or_foreign_items_is_refused(agency):
    draft = factories.ItemFactory(agency=agency, draft=True, title="草稿")
    foreign = factories.ItemFactory(title="别家的")
    with pytest.raises(ValidationError) as refused:
        archive_transfer_record(
            acting_user=None,
            agency=agency,
            sent_on=date(2021, 6, 1),
            recipient="测试市档案馆",
            items=[draft, foreign],
            electronic=False,
        )
    assert refused.value.messages == [
        "请选择纸质或电子报送方式。",
        f"这些信息不属于{agency.name}：{foreign.index_number}",
        f"这些信息在报送日尚未发布：{draft.index_number}",
    ]
