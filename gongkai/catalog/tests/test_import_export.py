"""Importing catalogues from CSV and XLSX: every row checked, every bad row named
by row and column, nothing half-imported; exporting what is imported back."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from gongkai.catalog.models import Item, ItemChannel, ItemStatus
from gongkai.catalog.search import SearchQuery, search
from gongkai.catalog.services import catalog_import
from gongkai.catalog.tabular.rows import ImportRejected
from gongkai.catalog.tabular.writers import write
from gongkai.core.models import Event

pytestmark = pytest.mark.django_db

HEADER = (
    "索引号,名称,内容概述,生成日期,发布日期,文号,信息类别,第二十条事项,文件类型,"
    "发布渠道"
)
GOOD_ROWS = [
    ",关于印发兴义市防汛抗旱应急预案的通知,防汛应急预案,2025-03-03,2025-03-10,"
    "兴府办发〔2025〕5号,规范性文件,第（十二）项,行政规范性文件,政府网站、政务微信",
    ",2025年第一季度工作动态,,2025年4月1日,2025/4/3,,工作动态类,,,",
    ",2025年工作要点（征求意见稿）,,2025-04-08,,,计划总结类,,,",
]


def csv_file(*rows: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO("\n".join([HEADER, *rows]).encode(encoding))


def import_(agency, file, name="目录.csv"):
    return catalog_import(acting_user=None, agency=agency, file=file, filename=name)


def rejected(agency, file, name="目录.csv") -> list[str]:
    before = Item.objects.count()
    with pytest.raises(ImportRejected) as refusal:
        import_(agency, file, name)
    assert Item.objects.count() == before
    return [str(error) for error in refusal.value.errors]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_a_good_csv_is_imported_whatever_its_encoding(agency, encoding):
    result = import_(agency, csv_file(*GOOD_ROWS, encoding=encoding))
    assert (result.items, result.published, result.drafts) == (3, 2, 1)
    plan = Item.objects.get(document_number="兴府办发〔2025〕5号")
    assert (plan.status, plan.published_on, plan.article20_item) == (
        ItemStatus.PUBLISHED,
        date(2025, 3, 10),
        12,
    )
    assert plan.index_number == f"{agency.credit_code}/2025-00001"
    assert plan.get_validity_display() == "有效"
    assert sorted(plan.channels.values_list("channel", flat=True)) == [
        "website",
        "weixin",
    ]
    assert Item.objects.get(title="2025年第一季度工作动态").channels.get().channel == (
        "website"
    )
    assert Event.objects.get(verb="catalog_imported").data["items"] == 3


def test_imported_published_items_are_found_by_search(agency):
    import_(agency, csv_file(*GOOD_ROWS))
    assert [h.item.title for h in search(SearchQuery(text="防汛")).hits] == [
        "关于印发兴义市防汛抗旱应急预案的通知"
    ]
    assert search(SearchQuery(text="征求意见稿")).total == 0  # a draft


def test_a_file_with_bad_rows_names_each_and_imports_nothing(agency):
    errors = rejected(
        agency,
        csv_file(
            GOOD_ROWS[0],
            ",,没有名称,2025-03-03,,,,,,",  # row 3
            ",日期错,,2025-02-30,,,,,,",  # row 4
            ",类别错,,2025-03-03,,,杂项,第（十六）项,,",  # row 5
            ",早于生成,,2025-03-03,2025-03-01,,,,,",  # row 6
            ",渠道错,,2025-03-03,2025-03-05,,,,,抖音",  # row 7
            ",未发布有渠道,,2025-03-03,,,,,,政府网站",  # row 8
        ),
    )
    assert errors == [
        "第3行“名称”列：必须填写。",
        "第4行“生成日期”列：“2025-02-30”不是日期，请写成 2019-06-01 或 2019年6月1日。",
        "第5行“第二十条事项”列：“第（十六）项”不是第二十条的事项，"
        "请填 1–15 或 第（一）项 至 第（十五）项。",
        "第6行“发布日期”列：发布日期不能早于生成日期。",
        "第7行“发布渠道”列：未知的发布渠道：抖音；"
        "可选：政府公报、政府网站、政务微博、政务微信、政务客户端、其他。",
        "第8行“发布渠道”列：未发布的信息不能填写发布渠道。",
    ]


def test_a_category_outside_the_agencys_catalogue_is_named(agency):
    """The categories are the agency's 主动公开基本目录: the 通用目录, then its
    own (``gongkai.catalog.categories``)."""
    (error,) = rejected(agency, csv_file(",类别错,,2025-03-03,,,杂项,,,"))
    assert error.startswith("第2行“信息类别”列：信息类别应为：机构职能、政策文件")


def test_index_numbers_must_be_new_and_unique_in_the_file(agency):
    taken = f"{agency.credit_code}/2024-00001"
    Item.objects.create(
        agency=agency, title="旧", formed_on=date(2024, 1, 1), index_number=taken
    )
    errors = rejected(
        agency,
        csv_file(
            f"{taken},甲,,2025-03-03,,,,,,",
            "X/2025-1,乙,,2025-03-03,,,,,,",
            "X/2025-1,丙,,2025-03-03,,,,,,",
        ),
    )
    assert errors == [
        f"第2行“索引号”列：索引号 {taken} 已被使用。",
        "第3行“索引号”列：索引号 X/2025-1 在文件中重复。",
        "第4行“索引号”列：索引号 X/2025-1 在文件中重复。",
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            "名称,生成日期,颜色\n甲,2025-03-03,红\n",
            "目录.csv",
            "第1行“颜色”列：不认识这一列",
        ),
        ("名称,内容概述\n甲,乙\n", "目录.csv", "第1行“生成日期”列：缺少这一必填列。"),
        ("", "目录.csv", "目录.csv 是空的。"),
        ("名称,生成日期\n", "目录.txt", "只能导入 CSV 或 XLSX 文件"),
    ],
)
def test_a_file_that_is_not_a_catalogue_is_refused(agency, content, name, message):
    errors = rejected(agency, io.BytesIO(content.encode()), name)
    assert errors[0].startswith(message)


def test_an_xlsx_catalogue_with_real_dates_is_imported(agency):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "标题", "成文日期", "发布日期", "发布渠道"])
    sheet.append(
        [
            1,
            "关于调整最低工资标准的通知",
            date(2025, 5, 6),
            date(2025, 5, 8),
            "政府公报",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    import_(agency, buffer, "目录.xlsx")
    item = Item.objects.get()
    assert (item.formed_on, item.published_on) == (date(2025, 5, 6), date(2025, 5, 8))
    assert item.channels.get().channel == "gazette"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_catalogue_imports_back_the_same(agency, fmt):
    import_(agency, csv_file(*GOOD_ROWS))
    items = Item.objects.prefetch_related("channels").order_by("pk")
    data = write(items, fmt)
    before = list(
        items.values_list("index_number", "title", "published_on", "article20_item")
    )
    channels = ItemChannel.objects.count()
    Item.objects.all().delete()
    import_(agency, io.BytesIO(data), f"导出.{fmt}")
    after = list(
        Item.objects.order_by("pk").values_list(
            "index_number", "title", "published_on", "article20_item"
        )
    )
    assert after == before
    assert ItemChannel.objects.count() == channels
