"""The guide (指南) of an agency: the items of 第十二条, written and updated in
place, with what changed kept."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.selectors import guide_for
from gongkai.agencies.services import guide_update
from gongkai.core.events import events_for

pytestmark = pytest.mark.django_db


def test_an_agency_has_no_guide_until_one_is_written(agency):
    assert guide_for(agency) is None


def test_the_guide_is_written_then_updated_in_place(agency, staff_user):
    guide_update(
        acting_user=staff_user,
        agency=agency,
        office_name="测试市民政局办公室",
        phone="0859-1234567",
        classification="按主题和体裁分类。",
    )
    guide = guide_update(acting_user=staff_user, agency=agency, phone="0859-7654321")
    assert guide_for(agency) == guide
    assert (guide.office_name, guide.phone, guide.updated_by) == (
        "测试市民政局办公室",
        "0859-7654321",
        staff_user,
    )
    assert events_for(guide).first().data == {"phone": ["0859-1234567", "0859-7654321"]}


def test_saving_the_guide_unchanged_records_nothing(agency, staff_user):
    """Saving the same text again is no change: the audit stays as it was."""
    guide = guide_update(acting_user=staff_user, agency=agency, phone="0859-1234567")
    guide_update(acting_user=staff_user, agency=agency, phone="0859-1234567 ")
    assert events_for(guide).count() == 1


def test_the_guide_shows_article_12s_items_in_its_order_and_names_the_missing(
    agency,
):
    guide = guide_update(
        acting_user=None,
        agency=agency,
        website="https://mzj.example.gov.cn",
        office_name="办公室",
        address="测试市人民路1号",
    )
    assert [(s.heading, s.text) for s in guide.sections()] == [
        ("政府信息公开工作机构名称", "办公室"),
        ("办公地址", "测试市人民路1号"),
        ("互联网联系方式", "https://mzj.example.gov.cn"),
    ]
    assert guide.missing() == [
        "政府信息的分类",
        "编排体系",
        "获取方式",
        "办公时间",
        "联系电话",
        "传真号码",
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"motto": "为人民服务"}, "指南没有这些项目：motto"),
        ({"email": "不是邮箱"}, "email"),
    ],
)
def test_what_is_not_part_of_a_guide_is_refused(agency, fields, message):
    with pytest.raises(ValidationError, match=message):
        guide_update(acting_user=None, agency=agency, **fields)
