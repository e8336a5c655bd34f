"""Both agencies' table 三 after a transfer: the sender counts the referral as
本机关不掌握相关政府信息 (不属于本行政机关公开), the competent agency a new
application received in the year it signed for it."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import services as s
from gongkai.applications.models import Transfer
from gongkai.applications.services.transfer import transfer_accept, transfer_return
from gongkai.reports.builder import build_report
from gongkai.reports.formats import get_format
from gongkai.testing import factories as f

from .helpers import applicant, registered
from .test_scenario import CARRIED_IN, CARRIED_OUT, COLUMNS, NEW, ROWS, TOTAL

pytestmark = pytest.mark.django_db
D = date
NATURAL, BUSINESS, ALL = 0, 1, 6


def _table_three(agency, year):
    report = build_report(agency=agency, year=year, fmt=get_format("2021"))
    rows = [NEW, CARRIED_IN, *ROWS.values(), TOTAL, CARRIED_OUT]
    table = {
        row: [report.value("三", row, column) for column in COLUMNS] for row in rows
    }
    return {row: values for row, values in table.items() if any(values)}


def _cells(*pairs):
    values = [0] * 7
    for column, n in pairs:
        values[column] += n
        values[ALL] += n
    return values


@pytest.fixture
def bureau(db):
    return f.AgencyFactory(name="测试市统计局")


@pytest.fixture
def receiver(bureau):
    return f.UserFactory(username="tongji", role="office_head", agency=bureau)


def test_both_tables_three_after_a_transfer_signed_for_and_answered(
    agency, head, bureau, receiver
):
    """2025: A receives two applications (a person, a company) and transfers both
    to B. B signs for the first in March and answers it; the second, sent on
    29 December, B signs for on 5 January 2026. A third, sent and returned in
    2025, is A's own again and still open at the year's end."""
    person = registered(agency, head, received_on=D(2025, 3, 3))
    company = registered(
        agency,
        head,
        received_on=D(2025, 12, 22),
        applicant=applicant(name="某公司", kind="business"),
    )
    returned = registered(agency, head, received_on=D(2025, 12, 1))
    for application, day in ((person, D(2025, 3, 10)), (company, D(2025, 12, 29))):
        s.application_transfer(
            acting_user=head, application=application, closed_on=day, to_agency=bureau
        )
    s.application_transfer(
        acting_user=head,
        application=returned,
        closed_on=D(2025, 12, 3),
        to_agency=bureau,
    )
    first, second, third = Transfer.objects.order_by("pk")
    ours = transfer_accept(
        acting_user=receiver, transfer=first, accepted_on=D(2025, 3, 12)
    )
    s.application_decide(
        acting_user=receiver,
        application=ours,
        outcome="disclosed",
        closed_on=D(2025, 3, 25),
    )
    transfer_accept(acting_user=receiver, transfer=second, accepted_on=D(2026, 1, 5))
    transfer_return(
        acting_user=receiver,
        transfer=third,
        returned_on=D(2025, 12, 5),
        reason="不属于本局职责",
    )

    assert _table_three(agency, 2025) == {
        NEW: _cells((NATURAL, 2), (BUSINESS, 1)),
        ROWS["unable_not_held"]: _cells((NATURAL, 1), (BUSINESS, 1)),
        TOTAL: _cells((NATURAL, 1), (BUSINESS, 1)),
        CARRIED_OUT: _cells((NATURAL, 1)),  # the returned one, open again
    }
    assert _table_three(bureau, 2025) == {
        NEW: _cells((NATURAL, 1)),
        ROWS["disclosed"]: _cells((NATURAL, 1)),
        TOTAL: _cells((NATURAL, 1)),
    }
    assert _table_three(bureau, 2026) == {
        NEW: _cells((BUSINESS, 1)),
        CARRIED_OUT: _cells((BUSINESS, 1)),
    }
    # A's 2026: the returned one carried in; nothing of the transfers signed for
    assert _table_three(agency, 2026) == {
        CARRIED_IN: _cells((NATURAL, 1)),
        CARRIED_OUT: _cells((NATURAL, 1)),
    }


def test_the_sender_counts_it_as_not_this_agencys(agency, head, bureau, receiver):
    """The formats that count 不属于本行政机关公开 apart (2008–2018) read the
    ground: the referral counts there, and the receiver's reply in its own row."""
    application = registered(agency, head, received_on=D(2018, 3, 5))
    s.application_transfer(
        acting_user=head,
        application=application,
        closed_on=D(2018, 3, 9),
        to_agency=bureau,
    )
    ours = transfer_accept(
        acting_user=receiver,
        transfer=Transfer.objects.get(),
        accepted_on=D(2018, 3, 12),
    )
    s.application_decide(
        acting_user=receiver,
        application=ours,
        outcome="disclosed",
        closed_on=D(2018, 3, 20),
    )
    legacy = get_format("legacy")
    sender = build_report(agency=agency, year=2018, fmt=legacy)
    competent = build_report(agency=bureau, year=2018, fmt=legacy)
    not_ours = "5.不属于本行政机关公开数"
    received = "（一）收到申请数"
    assert _by_label(sender, not_ours) == 1 and _by_label(competent, not_ours) == 0
    assert _by_label(sender, received) == 1 and _by_label(competent, received) == 1
    assert _by_label(competent, "2.同意公开答复数") == 1


def _by_label(report, label):
    (value,) = [
        cell.value for cell in report.cells.values() if cell.ref.row.endswith(label)
    ]
    return value
