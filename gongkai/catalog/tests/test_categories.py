"""One category scheme (``gongkai.catalog.categories``): the 通用目录 every agency
shares and each agency's own categories, used by items, filters and the guide."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from gongkai.catalog import services
from gongkai.catalog.categories import COMMON, article20_label, canonical
from gongkai.catalog.models import Category, InterpretationForm, Item
from gongkai.catalog.selectors import categories_for, categories_in_use
from gongkai.core.models import Event
from gongkai.core.workflow import Refused
from gongkai.testing import factories

from .conftest import FORMED

pytestmark = pytest.mark.django_db


def test_older_names_are_the_shared_categories():
    assert canonical("概况类") == "机构职能"
    assert canonical("规范性文件") == "政策文件"
    assert canonical(" 人事 ") == "人事信息"
    assert canonical("防灾减灾") == "防灾减灾"  # an agency's own: left alone
    assert [article20_label(n) for n in (1, 10, 12, 15)] == [
        "（一）",
        "（十）",
        "（十二）",
        "（十五）",
    ]


def test_the_shared_catalogue_is_there_from_the_migration():
    shared = list(categories_for(None).values_list("name", flat=True))
    assert shared == [spec.name for spec in COMMON]


def test_an_agency_has_the_shared_categories_then_its_own(agency):
    Category.objects.create(agency=agency, name="防灾减灾", article20_item=12)
    other = factories.AgencyFactory()
    Category.objects.create(agency=other, name="社会救助")
    names = list(categories_for(agency.pk).values_list("name", flat=True))
    assert names[-1] == "防灾减灾" and "社会救助" not in names
    assert names[0] == "机构职能"


def test_an_item_recorded_by_an_older_name_takes_the_shared_name(agency, staff):
    item = services.item_record(
        acting_user=staff.clerk,
        agency=agency,
        title="领导分工调整",
        formed_on=FORMED,
        category="概况类",
    )
    assert Item.objects.get(pk=item.pk).category == "机构职能"


def test_an_agencys_own_category_is_its_own(agency, staff):
    other = factories.AgencyFactory()
    Category.objects.create(agency=other, name="社会救助")
    Category.objects.create(agency=agency, name="防灾减灾")
    services.item_record(
        acting_user=staff.clerk,
        agency=agency,
        title="汛期提示",
        formed_on=FORMED,
        category="防灾减灾",
    )
    with pytest.raises(Refused, match="信息类别应为"):
        services.item_record(
            acting_user=staff.clerk,
            agency=agency,
            title="救助资金发放",
            formed_on=FORMED,
            category="社会救助",
        )


def test_adopting_the_scheme_renames_and_adds_the_agencys_own(agency, staff):
    """Bulk-loaded items: older names become the shared ones; other names become
    the agency's own categories, with the 第二十条 item most of them fulfil."""
    for category, article20 in (
        ("人事", 14),
        ("防灾减灾", 12),
        ("防灾减灾", 12),
        ("防灾减灾", None),
        ("宣传科普", None),
    ):
        factories.ItemFactory(
            agency=agency, category=category, article20_item=article20
        )
    added = services.categories_adopt(acting_user=staff.head, agency=agency)
    assert added == ["宣传科普", "防灾减灾"]
    assert not Item.objects.filter(category="人事").exists()
    assert Item.objects.filter(category="人事信息").count() == 1
    own = {c.name: c.article20_item for c in agency.categories.all()}
    assert own == {"宣传科普": None, "防灾减灾": 12}
    assert categories_in_use(agency_ids=[agency.pk]) == [
        "人事信息",
        "宣传科普",
        "防灾减灾",
    ]
    events = Event.objects.count()
    assert services.categories_adopt(acting_user=staff.head, agency=agency) == []
    assert Event.objects.count() == events  # nothing to do, nothing recorded


def test_the_migration_adopts_the_scheme_for_every_agency(agency):
    migration = importlib.import_module(
        "gongkai.catalog.migrations.0006_categories_and_interpretation_forms"
    )
    factories.ItemFactory(agency=agency, category="计划总结类")
    factories.ItemFactory(agency=agency, category="婚姻登记", article20_item=5)
    migration.scheme_adopt(apps, None)
    migration.scheme_adopt(apps, None)  # twice: nothing doubles
    assert Item.objects.filter(category="规划计划").count() == 1
    assert list(agency.categories.values_list("name", "article20_item")) == [
        ("婚姻登记", 5)
    ]


def test_a_graphic_or_video_interpretation_needs_its_graphic_or_link(
    agency, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = factories.ItemFactory(agency=agency)
    with pytest.raises(Refused, match="解读图"):
        services.interpretation_record(
            acting_user=staff.clerk,
            item=document,
            title="一图读懂",
            form=InterpretationForm.GRAPHIC,
        )
    with pytest.raises(Refused, match="视频地址"):
        services.interpretation_record(
            acting_user=staff.clerk,
            item=document,
            title="视频解读",
            form=InterpretationForm.VIDEO,
        )
    recorded = services.interpretation_record(
        acting_user=staff.clerk,
        item=document,
        title="一图读懂",
        form=InterpretationForm.GRAPHIC,
        graphic=ContentFile(b"<svg/>", name="图解.svg"),
    )
    assert recorded.graphic.name.endswith(".svg")


def test_the_command_lists_and_adopts_an_agencys_categories(agency):
    from click.testing import CliRunner

    from gongkai.cli import main

    factories.ItemFactory(agency=agency, category="防灾减灾", article20_item=12)
    factories.ItemFactory(agency=agency, category="人事")
    result = CliRunner().invoke(
        main, ["catalog", "categories", "--agency", agency.name, "--adopt"]
    )
    assert result.exit_code == 0, result.output
    assert "新增自设类别 防灾减灾" in result.output
    assert "防灾减灾（自设）第二十条第（十二）项 1 条" in result.output
    assert "人事信息（通用）第二十条第（十四）项 1 条" in result.output
