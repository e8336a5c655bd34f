"""People and items for the catalogue's tests: an agency with its staff, each in
the role the workflow asks for, and a helper that walks an item to any status."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from gongkai.accounts.models import User
from gongkai.catalog import services
from gongkai.catalog.models import Item, ItemStatus
from gongkai.testing import factories

FORMED = date(2025, 3, 3)
PUBLISHED = date(2025, 3, 10)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Attachments are written under a temporary folder, never the data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(agency):
    """The agency's people: a clerk, two reviewers and the office head."""

    def person(username: str, role: str) -> User:
        return factories.UserFactory(username=username, role=role, agency=agency)

    return SimpleNamespace(
        clerk=person("clerk", User.Role.STAFF),
        reviewer=person("reviewer", User.Role.REVIEWER),
        second_reviewer=person("reviewer2", User.Role.REVIEWER),
        head=person("head", User.Role.OFFICE_HEAD),
    )


@pytest.fixture
def draft(agency, staff) -> Item:
    return services.item_record(
        acting_user=staff.clerk,
        agency=agency,
        title="关于开展安全生产大检查的通知",
        summary="部署全市安全生产大检查工作。",
        body="各区县人民政府：现就开展安全生产大检查有关事项通知如下。",
        formed_on=FORMED,
        category="工作动态类",
    )


# Who takes each step on the way to publication, and the service that takes it.
STEPS = {
    ItemStatus.DRAFT: ("clerk", services.item_submit),
    ItemStatus.SECRECY_REVIEW: ("reviewer", services.item_clear_secrecy),
    ItemStatus.FIRST_REVIEW: ("reviewer", services.item_pass_first_review),
    ItemStatus.REVIEW: ("second_reviewer", services.item_pass_review),
}
ORDER = [
    ItemStatus.DRAFT,
    ItemStatus.SECRECY_REVIEW,
    ItemStatus.FIRST_REVIEW,
    ItemStatus.REVIEW,
    ItemStatus.SIGN_OFF,
    ItemStatus.PUBLISHED,
    ItemStatus.WITHDRAWN,
]


@pytest.fixture
def walk(staff):
    """``walk(item, status)`` takes the item there the ordinary way."""

    def walk_to(item: Item, status: str) -> Item:
        while item.status != status:
            if item.status == ItemStatus.SIGN_OFF:
                services.item_publish(
                    acting_user=staff.head, item=item, channels={"website": PUBLISHED}
                )
            elif item.status == ItemStatus.PUBLISHED:
                services.item_withdraw(
                    acting_user=staff.head, item=item, reason="内容已过时"
                )
            else:
                who, step = STEPS[item.status]
                step(acting_user=getattr(staff, who), item=item)
        return item

    return walk_to
