"""Every state-changing service of the catalogue asks the one permission layer
itself: called by a user whose role lacks the right, or by a user of another
agency, it refuses (``NotPermitted``, a ``Refused``) and writes no event, whichever
door it was called from (a page, a command, the admin)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from docx import Document

from gongkai.accounts.models import User
from gongkai.catalog import services
from gongkai.catalog.models import Interpretation, Item, ItemStatus
from gongkai.core.models import Event
from gongkai.core.workflow import NotPermitted
from gongkai.testing import factories

from .conftest import FORMED, PUBLISHED

pytestmark = pytest.mark.django_db

CSV = "索引号,名称,生成日期,发布日期\n,2025年第一季度工作动态,2025-04-01,2025-04-03\n"


def _docx() -> io.BytesIO:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("安全生产大检查工作方案")
    document.save(buffer)
    buffer.seek(0)
    return buffer


@dataclass(frozen=True)
class Case:
    """A service, what it needs (``given``: from the draft, the people and the
    walk helper), how it is called, and who may call it (an attribute of
    ``people``)."""

    given: Callable[[Item, SimpleNamespace, Any], Any]
    call: Callable[[User, Any], Any]
    allowed: str
    scoped: bool = True  # False: a service over every agency (no outsider)


def _at(status: str) -> Callable[[Item, SimpleNamespace, Any], Item]:
    return lambda draft, people, walk: walk(draft, status)


def _draft(draft: Item, people: SimpleNamespace, walk: Any) -> Item:
    return draft


def _attachment(draft: Item, people: SimpleNamespace, walk: Any) -> Any:
    return services.item_attach(
        acting_user=people.clerk, item=draft, file=_docx(), name="方案.docx"
    )


def _interpretation(draft: Item, people: SimpleNamespace, walk: Any) -> Any:
    walk(draft, ItemStatus.PUBLISHED)
    return services.interpretation_record(
        acting_user=people.clerk, item=draft, title="一图读懂安全生产大检查"
    )


def _old_category(draft: Item, people: SimpleNamespace, walk: Any) -> Item:
    """A draft whose category is an older name (a bulk load wrote it)."""
    Item.objects.filter(pk=draft.pk).update(category="人事")
    return draft


CASES: dict[str, Case] = {
    "item_record": Case(
        _draft,
        lambda user, item: services.item_record(
            acting_user=user, agency=item.agency, title="新信息", formed_on=FORMED
        ),
        "clerk",
    ),
    "item_update": Case(
        _draft,
        lambda user, item: services.item_update(
            acting_user=user, item=item, summary="新的概述"
        ),
        "clerk",
    ),
    "item_attach": Case(
        _draft,
        lambda user, item: services.item_attach(
            acting_user=user, item=item, file=_docx(), name="方案.docx"
        ),
        "clerk",
    ),
    "item_detach": Case(
        _attachment,
        lambda user, attachment: services.item_detach(
            acting_user=user, attachment=attachment
        ),
        "clerk",
    ),
    "item_redact": Case(
        _draft,
        lambda user, item: services.item_redact(acting_user=user, item=item),
        "clerk",
    ),
    "item_privacy_scan": Case(
        _draft,
        lambda user, item: services.item_privacy_scan(acting_user=user, item=item),
        "clerk",
    ),
    "item_submit": Case(
        _draft,
        lambda user, item: services.item_submit(acting_user=user, item=item),
        "clerk",
    ),
    "item_clear_secrecy": Case(
        _at(ItemStatus.SECRECY_REVIEW),
        lambda user, item: services.item_clear_secrecy(acting_user=user, item=item),
        "reviewer",
    ),
    "item_pass_first_review": Case(
        _at(ItemStatus.FIRST_REVIEW),
        lambda user, item: services.item_pass_first_review(acting_user=user, item=item),
        "reviewer",
    ),
    "item_pass_review": Case(
        _at(ItemStatus.REVIEW),
        lambda user, item: services.item_pass_review(acting_user=user, item=item),
        "second_reviewer",
    ),
    "item_publish": Case(
        _at(ItemStatus.SIGN_OFF),
        lambda user, item: services.item_publish(
            acting_user=user, item=item, channels={"website": PUBLISHED}
        ),
        "head",
    ),
    "item_return": Case(
        _at(ItemStatus.SIGN_OFF),
        lambda user, item: services.item_return(
            acting_user=user, item=item, reason="附件不全"
        ),
        "head",
    ),
    "item_channels_add": Case(
        _at(ItemStatus.PUBLISHED),
        lambda user, item: services.item_channels_add(
            acting_user=user, item=item, channels={"weixin": PUBLISHED}
        ),
        "clerk",
    ),
    "item_correct": Case(
        _at(ItemStatus.PUBLISHED),
        lambda user, item: services.item_correct(
            acting_user=user, item=item, reason="错字", changes={"title": "更正后"}
        ),
        "reviewer",
    ),
    "item_withdraw": Case(
        _at(ItemStatus.PUBLISHED),
        lambda user, item: services.item_withdraw(
            acting_user=user, item=item, reason="已被替代"
        ),
        "head",
    ),
    "interpretation_record": Case(
        _draft,
        lambda user, item: services.interpretation_record(
            acting_user=user, item=item, title="政策解读"
        ),
        "clerk",
    ),
    "interpretation_publish": Case(
        _interpretation,
        lambda user, interpretation: services.interpretation_publish(
            acting_user=user,
            interpretation=interpretation,
            published_on=PUBLISHED,
        ),
        "clerk",
    ),
    "archive_transfer_record": Case(
        _at(ItemStatus.PUBLISHED),
        lambda user, item: services.archive_transfer_record(
            acting_user=user,
            agency=item.agency,
            sent_on=date(2025, 4, 1),
            recipient="市档案馆",
            items=[item],
        ),
        "clerk",
    ),
    "catalog_import": Case(
        _draft,
        lambda user, item: services.catalog_import(
            acting_user=user,
            agency=item.agency,
            file=io.BytesIO(CSV.encode()),
            filename="目录.csv",
        ),
        "head",
    ),
    "categories_adopt": Case(
        _old_category,
        lambda user, item: services.categories_adopt(
            acting_user=user, agency=item.agency
        ),
        "head",
    ),
    "search_rebuild": Case(
        _draft,
        lambda user, item: services.search_rebuild(acting_user=user),
        "administrator",
        scoped=False,
    ),
}


@pytest.fixture
def people(staff, agency):
    """The agency's staff, a supervisor over it (who reads, never writes), an
    administrator, and the office head of another agency (who may do everything
    there, nothing here)."""
    elsewhere = factories.AgencyFactory(name="测试市另一局")
    return SimpleNamespace(
        **vars(staff),
        supervisor=factories.UserFactory(
            username="supervisor", role=User.Role.SUPERVISOR, agency=agency
        ),
        administrator=factories.UserFactory(
            username="admin", role=User.Role.ADMINISTRATOR
        ),
        outsider=factories.UserFactory(
            username="outsider", role=User.Role.OFFICE_HEAD, agency=elsewhere
        ),
    )


def test_every_state_changing_service_is_in_the_table():
    """A new service of the catalogue without a row here fails this test (the
    deadline recompute follows a calendar change, which is authorised by
    ``gongkai.workdays``)."""
    assert set(services.__all__) - {"ImportResult", "ItemChanges", "ItemDetails"} == {
        *CASES,
        "due_dates_recompute",
    }


def _refused(case: Case, user: User, target: Any, match: str) -> None:
    events = Event.objects.count()
    with pytest.raises(NotPermitted, match=match):
        case.call(user, target)
    assert Event.objects.count() == events


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_user_whose_role_lacks_the_right_is_refused_and_nothing_is_recorded(
    name, draft, people, walk
):
    case = CASES[name]
    target = case.given(draft, people, walk)
    _refused(case, people.supervisor, target, "您的账号不能")


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.scoped))
def test_a_user_of_another_agency_is_refused_and_nothing_is_recorded(
    name, draft, people, walk
):
    case = CASES[name]
    target = case.given(draft, people, walk)
    _refused(case, people.outsider, target, "不在您的工作范围内")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_user_the_rules_name_may_call_it_and_it_is_recorded(
    name, draft, people, walk
):
    case = CASES[name]
    target = case.given(draft, people, walk)
    events = Event.objects.count()
    case.call(getattr(people, case.allowed), target)
    assert Event.objects.count() == events + 1


@pytest.mark.parametrize(
    "name", ["item_update", "item_submit", "item_clear_secrecy", "item_publish"]
)
def test_an_administrator_does_not_draft_or_sign_for_an_agency(
    name, draft, people, walk
):
    """An administrator manages the system: the review steps are the roles the
    setting names, and drafting is the agency's own staff's."""
    case = CASES[name]
    target = case.given(draft, people, walk)
    _refused(case, people.administrator, target, "您的账号不能")


def test_the_roles_of_a_review_step_follow_the_setting(draft, people, walk, settings):
    """A deployment may let the clerk take the secrecy review: the permission
    layer reads GONGKAI_CATALOG_REVIEW_ROLES when it is asked."""
    walk(draft, ItemStatus.SECRECY_REVIEW)
    settings.GONGKAI_CATALOG_REVIEW_ROLES = {
        **settings.GONGKAI_CATALOG_REVIEW_ROLES,
        "secrecy_review": ["staff"],
    }
    with pytest.raises(NotPermitted):
        services.item_clear_secrecy(acting_user=people.reviewer, item=draft)
    services.item_clear_secrecy(acting_user=people.clerk, item=draft)
    assert draft.status == ItemStatus.FIRST_REVIEW


def test_an_interpretation_without_a_document_is_refused_outside_the_scope(
    people, agency
):
    events = Event.objects.count()
    with pytest.raises(NotPermitted):
        services.interpretation_record(
            acting_user=people.outsider, agency=agency, title="上级文件解读"
        )
    assert Event.objects.count() == events
    assert not Interpretation.objects.exists()
