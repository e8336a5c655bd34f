"""The report's life: written, submitted, signed off, published (frozen, its year
closed) and corrected; each refusal says why in Chinese and leaves nothing behind."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.accounts.models import User
from gongkai.agencies.periods import year_is_closed
from gongkai.core.events import events_for
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.reports.formats import get_format
from gongkai.reports.models import Narrative, ReportReview, ReportVersion
from gongkai.reports.selectors import report_state
from gongkai.reports.services import (
    narrative_save,
    report_correct,
    report_publish,
    report_publish_through_review,
    report_return,
    report_sign_off,
    report_submit,
    snapshot_hash,
)
from gongkai.reports.tests.helpers import narratives_write, signed_off
from gongkai.testing import factories as f

pytestmark = pytest.mark.django_db

RECEIVED = ("三", "一、本年新收政府信息公开申请数量", "申请人情况/总计")


@pytest.fixture
def head(agency):
    return f.UserFactory(username="head", agency=agency, role=User.Role.OFFICE_HEAD)


def received(version: ReportVersion) -> int:
    table, row, column = RECEIVED
    return next(
        c["value"]
        for c in version.snapshot["cells"]
        if (c["table"], c["row"], c["column"]) == (table, row, column)
    )


def published(agency, year, staff, head, **kwargs) -> ReportVersion:
    signed_off(agency, year, staff=staff, head=head, fmt=kwargs.get("fmt"))
    return report_publish(agency=agency, year=year, acting_user=staff, **kwargs)


def test_publishing_freezes_the_report_as_version_one(agency, staff_user, head):
    f.ApplicationFactory.create_batch(2, agency=agency, received_on=date(2021, 3, 1))

    version = published(agency, 2021, staff_user, head)

    assert (version.number, version.format, version.reason) == (1, "2021", "")
    assert received(version) == 2
    assert version.sha256 == snapshot_hash(ReportVersion.objects.get().snapshot)
    assert version.published_by == staff_user
    assert version.overrides == []
    (event,) = events_for(version)
    assert (event.verb, event.actor, event.data["sha256"]) == (
        "report_published",
        staff_user,
        version.sha256,
    )
    assert (event.data["before"], event.data["after"]) == ("signed_off", "published")
    assert report_state(agency=agency, year=2021) == "published"


def test_publishing_closes_the_year(agency, staff_user, head):
    assert not year_is_closed(agency=agency, year=2021)

    published(agency, 2021, staff_user, head)

    assert year_is_closed(agency=agency, year=2021)
    assert not year_is_closed(agency=agency, year=2020)


def test_a_published_report_does_not_change_when_the_ledger_does(
    agency, staff_user, head
):
    f.ApplicationFactory(agency=agency, received_on=date(2021, 3, 1))
    version = published(agency, 2021, staff_user, head)
    f.ApplicationFactory(agency=agency, received_on=date(2021, 4, 1))

    version.refresh_from_db()

    assert received(version) == 1


def test_publishing_twice_is_refused(agency, staff_user, head):
    published(agency, 2021, staff_user, head)

    with pytest.raises(Refused, match="已经发布") as refused:
        report_publish(agency=agency, year=2021, acting_user=staff_user)

    assert refused.value.code == "already_published"
    assert ReportVersion.objects.count() == 1


@pytest.mark.parametrize("steps", [0, 1])
def test_a_report_not_signed_off_is_not_published(agency, staff_user, steps):
    """A draft, and a report submitted but not yet signed off, are refused: the
    office head signs off first."""
    narratives_write(agency, 2021, user=staff_user)
    if steps:
        report_submit(acting_user=staff_user, agency=agency, year=2021)
    events = Event.objects.count()

    with pytest.raises(Refused) as refused:
        report_publish(agency=agency, year=2021, acting_user=staff_user)

    assert refused.value.code == "not_signed_off"
    assert "尚未经政府信息公开工作机构负责人审核通过" in refused.value.messages[0]
    assert not ReportVersion.objects.exists()
    assert Event.objects.count() == events
    assert not year_is_closed(agency=agency, year=2021)


def test_a_year_that_has_not_ended_is_not_published(agency, staff_user, head):
    """The 2026 report is not published on 6 December 2026 (第四十九条: the report
    is on the past year); on 2 January 2027 it is."""
    signed_off(agency, 2026, staff=staff_user, head=head)

    with pytest.raises(Refused) as refused:
        report_publish(
            agency=agency, year=2026, acting_user=staff_user, today=date(2026, 12, 6)
        )

    assert refused.value.code == "year_not_ended"
    message = refused.value.messages[0]
    assert message.startswith("2026年度尚未结束（今天是2026年12月6日）")
    assert not ReportVersion.objects.exists()
    version = report_publish(
        agency=agency, year=2026, acting_user=staff_user, today=date(2027, 1, 2)
    )
    assert version.number == 1


def test_a_placeholder_left_in_the_narrative_is_not_published(agency, staff_user, head):
    """gongkai's draft marks with 【…】 what only the agency can write; a report
    that still holds one is refused, naming the section."""
    signed_off(agency, 2021, staff=staff_user, head=head)
    Narrative.objects.filter(agency=agency, year=2021, key="problems").update(
        text="【请说明本年度政府信息公开工作存在的主要问题及改进情况。】"
    )

    with pytest.raises(Refused) as refused:
        report_publish(agency=agency, year=2021, acting_user=staff_user)

    assert refused.value.code == "check_errors"
    assert "「五、存在的主要问题及改进情况」中仍有待填写的" in refused.value.messages[0]
    assert not ReportVersion.objects.exists()
    assert report_state(agency=agency, year=2021) == "signed_off"


def test_the_draft_itself_is_not_published(agency, staff_user, head):
    """Submitted without writing a word: the draft's 【请补充…】 are left."""
    report_submit(acting_user=staff_user, agency=agency, year=2021)
    report_sign_off(acting_user=head, agency=agency, year=2021)

    with pytest.raises(Refused, match="仍有待填写的“【请补充"):
        report_publish(agency=agency, year=2021, acting_user=staff_user)

    assert not ReportVersion.objects.exists()


CONTRADICTING = "本年度新收政府信息公开申请5件。"


def test_a_narrative_contradicting_a_table_needs_a_named_override(
    agency, staff_user, head
):
    narratives_write(agency, 2021, user=staff_user, text=CONTRADICTING)
    report_submit(acting_user=staff_user, agency=agency, year=2021)
    report_sign_off(acting_user=head, agency=agency, year=2021)

    for overrides in (None, {"NARR.figures": "  "}, {"T3.balance": "口径不同"}):
        with pytest.raises(Refused) as refused:
            report_publish(
                agency=agency, year=2021, acting_user=staff_user, overrides=overrides
            )
        assert refused.value.code == "narrative_contradicts"
        assert "报告正文中的数字与表格不符，不能发布" in refused.value.messages[0]
        assert "NARR.figures" in refused.value.messages[0]
    assert not ReportVersion.objects.exists()

    version = report_publish(
        agency=agency,
        year=2021,
        acting_user=staff_user,
        overrides={"NARR.figures": "正文含来信来访，口径与表三不同"},
    )

    (override,) = version.overrides
    assert override["rule"] == "NARR.figures"
    assert override["reason"] == "正文含来信来访，口径与表三不同"
    assert "新收政府信息公开申请5件" in override["findings"][0]
    (event,) = events_for(version)
    assert event.data["overrides"] == version.overrides


def test_the_system_takes_a_report_through_its_review(agency):
    """A seed or a command publishes as the system: submit, sign-off and publish
    each leave their event; the sign-off is still required and recorded."""
    narratives_write(agency, 2021)

    version = report_publish_through_review(agency=agency, year=2021, acting_user=None)

    review = ReportReview.objects.get(agency=agency, year=2021)
    assert (version.number, review.state, review.signed_off_at is not None) == (
        1,
        "published",
        True,
    )
    assert list(
        Event.objects.filter(verb__startswith="report_")
        .order_by("pk")
        .values_list("verb", flat=True)
    ) == ["report_submitted", "report_signed_off", "report_published"]


def test_the_system_cannot_publish_a_draft_with_placeholders(agency):
    with pytest.raises(Refused, match="仍有待填写"):
        report_publish_through_review(agency=agency, year=2021, acting_user=None)

    assert report_state(agency=agency, year=2021) == "draft"
    assert not Event.objects.filter(verb__startswith="report_").exists()


def test_a_correction_is_the_next_version_with_its_reason(agency, staff_user, head):
    f.ApplicationFactory(agency=agency, received_on=date(2021, 3, 1))
    first = published(agency, 2021, staff_user, head)
    f.ApplicationFactory(agency=agency, received_on=date(2021, 4, 1))

    second = report_correct(
        agency=agency, year=2021, acting_user=head, reason="补录一件4月收到的信函申请"
    )

    first.refresh_from_db()
    assert (second.number, second.reason) == (2, "补录一件4月收到的信函申请")
    assert (received(first), received(second)) == (1, 2)
    assert second.sha256 != first.sha256
    (event,) = events_for(second)
    assert event.verb == "report_corrected"
    assert event.data["reason"] == "补录一件4月收到的信函申请"
    assert event.data["previous_sha256"] == first.sha256
    assert report_state(agency=agency, year=2021) == "corrected"


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_needs_a_reason(agency, staff_user, head, reason):
    published(agency, 2021, staff_user, head)

    with pytest.raises(Refused, match="须说明理由"):
        report_correct(agency=agency, year=2021, acting_user=head, reason=reason)

    assert ReportVersion.objects.count() == 1


def test_only_a_published_report_can_be_corrected(agency, head):
    with pytest.raises(Refused, match="尚未发布"):
        report_correct(agency=agency, year=2021, acting_user=head, reason="更正")


def test_a_correction_keeps_the_format_first_published(agency, staff_user, head):
    guizhou = get_format("guizhou-2019")
    published(agency, 2019, staff_user, head, fmt=guizhou)

    second = report_correct(
        agency=agency, year=2019, acting_user=head, reason="补充附件2"
    )

    assert second.format == "guizhou-2019"


def test_a_report_whose_checks_find_errors_is_not_published(agency, staff_user, head):
    # Attested by people, so they can disagree: more opinions adopted than made.
    f.AttestedFigureFactory(
        agency=agency, year=2019, key="supervision.opinions", value=2
    )
    f.AttestedFigureFactory(
        agency=agency, year=2019, key="supervision.opinions_adopted", value=5
    )
    guizhou = get_format("guizhou-2019")
    signed_off(agency, 2019, staff=staff_user, head=head, fmt=guizhou)

    with pytest.raises(ValidationError, match="未通过校验") as refused:
        report_publish(agency=agency, year=2019, acting_user=staff_user, fmt=guizhou)

    assert refused.value.code == "check_errors"
    assert not ReportVersion.objects.exists()


def test_a_returned_report_says_why_and_can_be_written_again(agency, staff_user, head):
    report_submit(acting_user=staff_user, agency=agency, year=2021)

    review = report_return(
        acting_user=head, agency=agency, year=2021, reason="请补充培训情况"
    )

    assert (review.state, review.returned_reason) == ("returned", "请补充培训情况")
    narrative_save(
        acting_user=staff_user, agency=agency, year=2021, key="overview", text="补充"
    )
    assert report_submit(
        acting_user=staff_user, agency=agency, year=2021
    ).returned_reason == ("")


def test_a_narrative_cannot_change_once_submitted(agency, staff_user):
    report_submit(acting_user=staff_user, agency=agency, year=2021)

    with pytest.raises(Refused, match="年度报告当前为“已提交审核”，不能“编写报告正文”"):
        narrative_save(
            acting_user=staff_user, agency=agency, year=2021, key="overview", text="改"
        )

    assert not Narrative.objects.exists()


# -- who may: every state-changing service, refused to a role without the right
# and to a user outside the agency, with no event written --------------------------


def _given_published(agency, staff, head):
    published(agency, 2021, staff, head)


def _given_submitted(agency, staff, head):
    report_submit(acting_user=staff, agency=agency, year=2021)


def _given_signed_off(agency, staff, head):
    signed_off(agency, 2021, staff=staff, head=head)


def _given_nothing(agency, staff, head):
    return None


SERVICES = {
    "narrative_save": (
        _given_nothing,
        lambda user, agency: narrative_save(
            acting_user=user, agency=agency, year=2021, key="overview", text="改"
        ),
    ),
    "report_submit": (
        _given_nothing,
        lambda user, agency: report_submit(acting_user=user, agency=agency, year=2021),
    ),
    "report_return": (
        _given_submitted,
        lambda user, agency: report_return(
            acting_user=user, agency=agency, year=2021, reason="退回"
        ),
    ),
    "report_sign_off": (
        _given_submitted,
        lambda user, agency: report_sign_off(
            acting_user=user, agency=agency, year=2021
        ),
    ),
    "report_publish": (
        _given_signed_off,
        lambda user, agency: report_publish(acting_user=user, agency=agency, year=2021),
    ),
    "report_correct": (
        _given_published,
        lambda user, agency: report_correct(
            acting_user=user, agency=agency, year=2021, reason="更正"
        ),
    ),
}
# A role whose permissions lack the step, for each service.
WITHOUT_THE_RIGHT = {
    "narrative_save": User.Role.SUPERVISOR,
    "report_submit": User.Role.SUPERVISOR,
    "report_return": User.Role.STAFF,
    "report_sign_off": User.Role.STAFF,
    "report_publish": User.Role.SUPERVISOR,
    "report_correct": User.Role.STAFF,
}


@pytest.mark.parametrize("service", list(SERVICES))
@pytest.mark.parametrize("who", ["role", "scope"])
def test_each_service_refuses_a_user_who_may_not(
    agency, staff_user, head, service, who
):
    given, call = SERVICES[service]
    given(agency, staff_user, head)
    if who == "role":
        user = f.UserFactory(
            username="without", agency=agency, role=WITHOUT_THE_RIGHT[service]
        )
    else:  # an office head, who holds every step, of another agency
        user = f.UserFactory(
            username="elsewhere",
            agency=f.AgencyFactory(name="测试市另一局"),
            role=User.Role.OFFICE_HEAD,
        )
    events = Event.objects.count()
    state = report_state(agency=agency, year=2021)

    with pytest.raises(NotPermitted) as refused:
        call(user, agency)

    assert refused.value.code == ("permission" if who == "role" else "scope")
    assert Event.objects.count() == events
    assert report_state(agency=agency, year=2021) == state
