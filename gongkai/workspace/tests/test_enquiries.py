"""Enquiries: asked by the public, answered by staff (and then counted), published
with the asker's consent."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.activities.models import Activity, ActivityKind, Enquiry
from gongkai.activities.services import enquiry_answer, enquiry_ask, enquiry_publish
from gongkai.reports.scope import Scope
from gongkai.reports.selectors import records_for

pytestmark = pytest.mark.django_db


def _ask(agency, *, allowed=True):
    return enquiry_ask(
        acting_user=None,
        agency=agency,
        mailbox="enquiry",
        asker_name="赵六",
        asker_contact="13700000000",
        subject="社保卡补办",
        question="在哪里补办？",
        publication_allowed=allowed,
    )


def _enquiries_answered(agency, year: int) -> int:
    """What the report's 咨询答复 cells count (the statistics tables of the
    legacy and provincial formats)."""
    source = {
        "kind": "ledger",
        "indicator": "activities.count",
        "args": {"kind": "enquiry"},
    }
    return records_for(source, Scope(agency), year).count()


def test_an_answered_enquiry_counts_once_even_when_answered_again(region):
    enquiry = _ask(region.a)
    staff = region.users["staff"]
    today = date.today()
    enquiry_answer(
        acting_user=staff, enquiry=enquiry, answer="到政务大厅。", answered_on=today
    )
    enquiry_answer(
        acting_user=staff, enquiry=enquiry, answer="到政务大厅二楼。", answered_on=today
    )
    assert (
        Activity.objects.filter(kind=ActivityKind.ENQUIRY, agency=region.a).count() == 1
    )
    assert _enquiries_answered(region.a, today.year) == 1


def test_an_unanswered_enquiry_is_not_counted(region):
    _ask(region.a)
    assert not Activity.objects.exists()


def test_publication_needs_an_answer_and_the_askers_consent(region):
    head = region.users["office_head"]
    not_allowed = _ask(region.a, allowed=False)
    with pytest.raises(ValidationError, match="尚未答复"):
        enquiry_publish(acting_user=head, enquiry=_ask(region.a), publish=True)
    enquiry_answer(
        acting_user=head, enquiry=not_allowed, answer="好的。", answered_on=date.today()
    )
    with pytest.raises(ValidationError, match="未同意公开"):
        enquiry_publish(acting_user=head, enquiry=not_allowed, publish=True)


def test_the_audit_shows_the_answer_before_and_after(client_as, region):
    enquiry = _ask(region.a)
    staff = region.users["staff"]
    enquiry_answer(
        acting_user=staff, enquiry=enquiry, answer="第一稿", answered_on=date.today()
    )
    enquiry_answer(
        acting_user=staff, enquiry=enquiry, answer="第二稿", answered_on=date.today()
    )
    page = client_as(region.users["office_head"]).get(
        reverse("workspace:audit", args=["activities.enquiry", enquiry.pk])
    )
    entries = page.context["entries"]
    latest = entries[0]
    assert latest.event.actor == staff
    # The field by its name in the interface, not its code (``answer``).
    label = str(Enquiry._meta.get_field("answer").verbose_name)
    assert [(c.field, c.before, c.after) for c in latest.changes] == [
        (label, "第一稿", "第二稿")
    ]
    assert label != "answer"
    assert "第一稿" in page.content.decode() and "第二稿" in page.content.decode()
