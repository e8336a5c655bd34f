"""The review of gathered files: who may act, what each step allows, and the
history it leaves on the application."""

from __future__ import annotations

import pytest

from gongkai.core.events import events_for
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.releases import services
from gongkai.releases.models import MarkKind, ReviewStatus
from gongkai.releases.workflow import REVIEW, STEP_TO
from gongkai.testing import factories as f

from .conftest import make_pdf, upload


@pytest.fixture
def attached(clerk, application):
    return services.release_file_attach(
        acting_user=clerk,
        application=application,
        upload=upload("材料.pdf", make_pdf()),
    )


def test_attaching_keeps_the_name_under_a_random_path_and_records_it(
    clerk, application, attached
):
    assert attached.name == "材料.pdf"
    assert "材料" not in attached.original.name
    assert attached.original.name.startswith("releases/")
    assert attached.status == ReviewStatus.PENDING
    verbs = [e.verb for e in events_for(application)]
    assert "release_file_attached" in verbs


def test_a_file_of_another_kind_is_refused(clerk, application):
    with pytest.raises(Refused, match="只能添加"):
        services.release_file_attach(
            acting_user=clerk, application=application, upload=upload("a.exe", b"MZ")
        )


def test_a_pdf_that_is_not_one_is_refused(clerk, application):
    with pytest.raises(Refused, match="不是可读的PDF"):
        services.release_file_attach(
            acting_user=clerk, application=application, upload=upload("a.pdf", b"no")
        )


def test_staff_of_another_agency_may_not_attach(application):
    stranger = f.UserFactory(username="other", agency=f.AgencyFactory(name="别的局"))
    with pytest.raises(NotPermitted):
        services.release_file_attach(
            acting_user=stranger,
            application=application,
            upload=upload("材料.pdf", make_pdf()),
        )


@pytest.mark.parametrize("before", list(ReviewStatus.values))
@pytest.mark.parametrize("after", list(ReviewStatus.values))
def test_the_review_table(before, after):
    """Any review may be changed to any other; staying put is not a step."""
    assert REVIEW.allows(before, STEP_TO[after]) == (before != after)


def test_withholding_needs_its_ground_and_records_the_article(
    clerk, application, attached
):
    with pytest.raises(Refused, match="理由"):
        services.release_file_review(
            acting_user=clerk, file=attached, status=ReviewStatus.WITHHELD
        )
    file = services.release_file_review(
        acting_user=clerk, file=attached, status=ReviewStatus.WITHHELD, ground="process"
    )
    assert file.legal_basis == "《中华人民共和国政府信息公开条例》第十六条第二款"
    assert file.reviewed_by == clerk
    event = events_for(application).filter(verb="release_file_reviewed").first()
    assert event.data["after"] == "withheld"


def test_a_withheld_file_is_not_handed_over(clerk, attached):
    services.release_file_review(
        acting_user=clerk, file=attached, status=ReviewStatus.WITHHELD, ground="privacy"
    )
    with pytest.raises(Refused, match="只有审查为"):
        services.release_file_release(acting_user=clerk, file=attached)


def test_a_partial_release_needs_its_redacted_copy_first(clerk, attached):
    file = services.release_file_review(
        acting_user=clerk, file=attached, status=ReviewStatus.PARTLY_RELEASED
    )
    with pytest.raises(Refused, match="先生成"):
        services.release_file_release(acting_user=clerk, file=file)
    with pytest.raises(Refused, match="还没有标出"):
        services.release_file_redact(acting_user=clerk, file=file)


def test_marks_only_on_a_partial_release_and_each_with_a_ground(clerk, attached):
    with pytest.raises(Refused, match="部分公开"):
        services.redaction_add(
            acting_user=clerk,
            file=attached,
            kind=MarkKind.TERM,
            text="李四",
            ground="privacy",
        )
    file = services.release_file_review(
        acting_user=clerk, file=attached, status=ReviewStatus.PARTLY_RELEASED
    )
    with pytest.raises(Refused, match="理由"):
        services.redaction_add(
            acting_user=clerk, file=file, kind=MarkKind.TERM, text="李四", ground=""
        )
    with pytest.raises(Refused, match="第3页不存在"):
        services.redaction_add(
            acting_user=clerk,
            file=file,
            kind=MarkKind.REGION,
            page=3,
            rect=(0, 0, 10, 10),
            ground="privacy",
        )


def test_a_new_mark_drops_the_copy_made_before(clerk, attached):
    file = services.release_file_review(
        acting_user=clerk, file=attached, status=ReviewStatus.PARTLY_RELEASED
    )
    services.redaction_add(
        acting_user=clerk, file=file, kind=MarkKind.TERM, text="李四", ground="privacy"
    )
    services.release_file_redact(acting_user=clerk, file=file)
    file.refresh_from_db()
    assert file.redacted
    services.redaction_add(
        acting_user=clerk,
        file=file,
        kind=MarkKind.FINDING,
        finding="mobile",
        ground="privacy",
    )
    file.refresh_from_db()
    assert not file.redacted and file.redacted_by is None


def test_a_file_handed_over_is_not_changed_again(clerk, application, attached):
    file = services.release_file_review(
        acting_user=clerk, file=attached, status=ReviewStatus.RELEASED
    )
    services.release_file_release(acting_user=clerk, file=file)
    with pytest.raises(Refused, match=r"已于.*提供给申请人"):
        services.release_file_review(
            acting_user=clerk, file=file, status=ReviewStatus.WITHHELD, ground="privacy"
        )
    verbs = [e.verb for e in events_for(application)]
    assert "release_file_released" in verbs


def test_a_step_sees_the_file_as_stored_not_the_callers_older_copy(clerk, attached):
    """``attached`` is still 待审查 in memory after the review below; marking it
    goes by the review stored."""
    services.release_file_review(
        acting_user=clerk, file=attached, status=ReviewStatus.PARTLY_RELEASED
    )
    mark = services.redaction_add(
        acting_user=clerk,
        file=attached,
        kind=MarkKind.TERM,
        text="李四",
        ground="privacy",
    )
    assert mark.file.status == ReviewStatus.PARTLY_RELEASED
