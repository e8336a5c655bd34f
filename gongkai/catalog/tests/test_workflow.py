"""The publishing workflow: every step of the table from every status, every step
of the way, and every refusal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import (
    Disclosure,
    Interpretation,
    Item,
    ItemChannel,
    ItemReview,
    ItemStatus,
)
from gongkai.catalog.selectors import item_history
from gongkai.catalog.workflow import ITEM_WORKFLOW, RETURN_FROM, ItemStep
from gongkai.core.workflow import NotPermitted, Refused
from gongkai.testing import factories

from .conftest import ORDER, PUBLISHED

pytestmark = pytest.mark.django_db

# The service of each step, taken by someone who may take it when the status allows.
SERVICES = {
    "edit": lambda item, staff: services.item_update(
        acting_user=staff.clerk, item=item, summary="新的内容概述"
    ),
    "submit": lambda item, staff: services.item_submit(
        acting_user=staff.clerk, item=item
    ),
    "clear_secrecy": lambda item, staff: services.item_clear_secrecy(
        acting_user=staff.reviewer, item=item
    ),
    "pass_first_review": lambda item, staff: services.item_pass_first_review(
        acting_user=staff.reviewer, item=item
    ),
    "pass_review": lambda item, staff: services.item_pass_review(
        acting_user=staff.second_reviewer, item=item
    ),
    "publish": lambda item, staff: services.item_publish(
        acting_user=staff.head, item=item, channels={"website": PUBLISHED}
    ),
    **{
        step: lambda item, staff: services.item_return(
            acting_user=staff.head, item=item, reason="概述不准确"
        )
        for step in RETURN_FROM.values()
    },
    "add_channels": lambda item, staff: services.item_channels_add(
        acting_user=staff.clerk, item=item, channels={"weixin": PUBLISHED}
    ),
    "correct": lambda item, staff: services.item_correct(
        acting_user=staff.reviewer,
        item=item,
        reason="标题有错字",
        changes={"title": "关于开展安全生产大检查的通知（更正）"},
    ),
    "withdraw": lambda item, staff: services.item_withdraw(
        acting_user=staff.head, item=item, reason="已被新文件替代"
    ),
}


def test_every_step_of_the_table_has_a_service():
    assert set(SERVICES) == set(ITEM_WORKFLOW.steps) == set(ItemStep)


def test_every_step_needs_a_permission():
    """No step is open to whoever reaches the item: each names a permission."""
    assert all(row.permission for row in ITEM_WORKFLOW.rows)


@pytest.mark.parametrize("status", ORDER)
@pytest.mark.parametrize("step", sorted(ITEM_WORKFLOW.steps))
def test_each_step_is_allowed_from_exactly_the_statuses_the_table_lists(
    step, status, draft, staff, walk
):
    """One service may take several rows (sending back, from each review
    status); it is refused from every status none of its rows lists."""
    item = walk(draft, status)
    row = ITEM_WORKFLOW.row(step)
    sources = {
        s
        for other in ITEM_WORKFLOW.rows
        if SERVICES[other.step] is SERVICES[step]
        or (other.step in RETURN_FROM.values() and step in RETURN_FROM.values())
        for s in other.sources
    }
    if status in sources:
        SERVICES[step](item, staff)
        item.refresh_from_db()
        assert item.status == (row.target or status)
        assert item_history(item).first().verb == row.verb
    else:
        events = item_history(item).count()
        with pytest.raises(Refused, match="不能"):
            SERVICES[step](item, staff)
        assert Item.objects.get(pk=item.pk).status == status
        assert item_history(item).count() == events


def test_an_item_walks_from_draft_to_published_and_each_step_says_who_and_when(
    draft, staff, walk
):
    walk(draft, ItemStatus.PUBLISHED)
    steps = [
        (r.step, r.decision, r.reviewer.username)
        for r in ItemReview.objects.filter(item=draft)
    ]
    assert steps == [
        ("secrecy_review", "approved", "reviewer"),
        ("first_review", "approved", "reviewer"),
        ("review", "approved", "reviewer2"),
        ("sign_off", "approved", "head"),
    ]
    assert all(r.decided_at <= timezone.now() for r in draft.reviews.all())
    verbs = [(e.verb, e.actor.username) for e in item_history(draft)][::-1]
    assert verbs == [
        ("item_recorded", "clerk"),
        ("item_submitted", "clerk"),
        ("item_secrecy_cleared", "reviewer"),
        ("item_first_reviewed", "reviewer"),
        ("item_reviewed", "reviewer2"),
        ("item_published", "head"),
    ]
    assert draft.published_on == PUBLISHED
    assert [row.step for row in ITEM_WORKFLOW.steps_from(draft.status)] == [
        "add_channels",
        "correct",
        "withdraw",
    ]


def test_publication_is_on_each_channel_with_its_own_date_and_counts_once(
    draft, staff, walk
):
    walk(draft, ItemStatus.SIGN_OFF)
    services.item_publish(
        acting_user=staff.head,
        item=draft,
        channels={"weixin": PUBLISHED + timedelta(days=1), "website": PUBLISHED},
    )
    services.item_channels_add(
        acting_user=staff.clerk,
        item=draft,
        channels={"weibo": PUBLISHED + timedelta(days=5)},
    )
    draft.refresh_from_db()
    assert draft.published_on == PUBLISHED
    assert dict(ItemChannel.objects.values_list("channel", "published_on")) == {
        "website": PUBLISHED,
        "weixin": PUBLISHED + timedelta(days=1),
        "weibo": PUBLISHED + timedelta(days=5),
    }


@pytest.mark.parametrize(
    ("channels", "message"),
    [
        ({}, "至少选择一个发布渠道"),
        ({"抖音": PUBLISHED}, "未知的发布渠道：抖音"),
        ({"website": date(2025, 3, 1)}, "不能早于信息生成日期"),
        ({"website": date(2999, 1, 1)}, "不能晚于今天"),
    ],
)
def test_publication_on_bad_channels_is_refused(draft, staff, walk, channels, message):
    walk(draft, ItemStatus.SIGN_OFF)
    with pytest.raises(ValidationError, match=message):
        services.item_publish(acting_user=staff.head, item=draft, channels=channels)
    assert Item.objects.get(pk=draft.pk).status == ItemStatus.SIGN_OFF


# -- who may act ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "who", "message"),
    [
        (ItemStatus.SECRECY_REVIEW, "clerk", "不能“保密审查”"),
        (ItemStatus.FIRST_REVIEW, "clerk", "不能“初审”"),
        (ItemStatus.SIGN_OFF, "reviewer", "不能“审发”"),
        (ItemStatus.SIGN_OFF, None, "须由具名的工作人员作出"),
    ],
)
def test_a_step_taken_by_someone_whose_role_may_not_is_refused(
    draft, staff, walk, status, who, message
):
    walk(draft, status)
    step = {
        ItemStatus.SECRECY_REVIEW: services.item_clear_secrecy,
        ItemStatus.FIRST_REVIEW: services.item_pass_first_review,
    }.get(status)
    user = getattr(staff, who) if who else None
    with pytest.raises(Refused, match=message):
        if step:
            step(acting_user=user, item=draft)
        else:
            services.item_publish(
                acting_user=user, item=draft, channels={"website": PUBLISHED}
            )


def test_a_reviewer_of_another_agency_may_not_review(draft, walk):
    walk(draft, ItemStatus.SECRECY_REVIEW)
    outsider = factories.UserFactory(username="outsider", role="reviewer")
    with pytest.raises(NotPermitted, match="不在您的工作范围内"):
        services.item_clear_secrecy(acting_user=outsider, item=draft)


def test_the_three_sign_offs_come_from_three_people(draft, staff, walk):
    walk(draft, ItemStatus.REVIEW)  # 初审 by "reviewer"
    with pytest.raises(Refused, match="不同的人员"):
        services.item_pass_review(acting_user=staff.reviewer, item=draft)


def test_small_offices_may_let_one_person_sign_twice(draft, staff, walk, settings):
    settings.GONGKAI_CATALOG_DISTINCT_REVIEWERS = False
    walk(draft, ItemStatus.REVIEW)
    services.item_pass_review(acting_user=staff.reviewer, item=draft)
    assert draft.status == ItemStatus.SIGN_OFF


def test_a_returned_item_is_edited_and_reviewed_again_from_the_start(
    draft, staff, walk
):
    walk(draft, ItemStatus.SIGN_OFF)
    services.item_return(acting_user=staff.head, item=draft, reason="附件不全")
    assert draft.status == ItemStatus.DRAFT
    services.item_update(acting_user=staff.clerk, item=draft, summary="补充了附件。")
    walk(draft, ItemStatus.PUBLISHED)  # the same reviewers sign the new round
    returned = draft.reviews.get(decision=ItemReview.Decision.RETURNED)
    assert (returned.step, returned.opinion, returned.round) == (
        "sign_off",
        "附件不全",
        1,
    )
    assert draft.reviews.filter(round=2).count() == 4


@pytest.mark.parametrize(
    ("action", "status"),
    [("return", ItemStatus.REVIEW), ("withdraw", ItemStatus.PUBLISHED)],
)
def test_returning_and_withdrawing_need_a_reason(draft, staff, walk, action, status):
    walk(draft, status)
    service = {"return": services.item_return, "withdraw": services.item_withdraw}
    with pytest.raises(Refused, match="须说明理由"):
        service[action](acting_user=staff.head, item=draft, reason="  ")


def test_a_correction_needs_a_reason_and_keeps_what_changed(draft, staff, walk):
    walk(draft, ItemStatus.PUBLISHED)
    with pytest.raises(Refused, match="“更正”须说明理由"):
        services.item_correct(
            acting_user=staff.reviewer, item=draft, reason="", changes={"title": "x"}
        )
    services.item_correct(
        acting_user=staff.reviewer,
        item=draft,
        reason="标题漏字",
        changes={"title": "关于开展全市安全生产大检查的通知"},
    )
    correction = draft.corrections.get()
    assert correction.reason == "标题漏字"
    assert correction.changes == {
        "title": ["关于开展安全生产大检查的通知", "关于开展全市安全生产大检查的通知"]
    }


def test_a_withdrawn_item_keeps_its_dates_and_reason(draft, staff, walk):
    walk(draft, ItemStatus.PUBLISHED)
    services.item_withdraw(
        acting_user=staff.head,
        item=draft,
        reason="政策已调整",
        withdrawn_on=date(2025, 6, 1),
    )
    draft.refresh_from_db()
    assert (draft.status, draft.published_on, draft.withdrawn_on) == (
        ItemStatus.WITHDRAWN,
        PUBLISHED,
        date(2025, 6, 1),
    )
    assert draft.withdrawal_reason == "政策已调整"


def test_only_proactive_information_goes_through_the_workflow(agency, staff):
    item = services.item_record(
        acting_user=staff.clerk,
        agency=agency,
        title="内部会议纪要",
        formed_on=date(2025, 3, 3),
        disclosure=Disclosure.WITHHELD,
        disclosure_basis="art16_2",
        disclosure_reason="属于过程性信息",
    )
    with pytest.raises(Refused, match="不予公开"):
        services.item_submit(acting_user=staff.clerk, item=item)


def test_interpretations_are_published_with_their_document(draft, staff, walk):
    interpretation = services.interpretation_record(
        acting_user=staff.clerk,
        item=draft,
        title="一图读懂安全生产大检查",
        by_principal_leader=True,
    )
    with pytest.raises(ValidationError, match="文件尚未发布"):
        services.interpretation_publish(
            acting_user=staff.clerk,
            interpretation=interpretation,
            published_on=PUBLISHED,
        )
    walk(draft, ItemStatus.PUBLISHED)
    interpretation.refresh_from_db()
    assert interpretation.published_on == PUBLISHED
    assert Interpretation.objects.get().by_principal_leader is True
