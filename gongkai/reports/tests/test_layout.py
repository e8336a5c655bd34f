"""The table layout draws the official formats' merged cells, for every renderer."""

from __future__ import annotations

import pytest

from gongkai.reports.formats import Table, all_formats, get_format
from gongkai.reports.layout import CellKind, GridCell, TableLayout, layout_table

CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def cell_with_text(layout: TableLayout, text: str, nth: int = 0) -> GridCell:
    return [c for c in layout.cells if c.text == text][nth]


def spans(cell: GridCell) -> tuple[int, int, int, int]:
    return (cell.row, cell.col, cell.rowspan, cell.colspan)


def every_table() -> list[tuple[str, Table]]:
    return [(f.id, t) for f in all_formats().values() for t in f.tables]


EVERY_TABLE = every_table()
EVERY_TABLE_IDS = [f"{format_id}-{table.id}" for format_id, table in EVERY_TABLE]


# -- table 三 ----------------------------------------------------------------------


def test_table_3_corner_spans_the_label_columns_and_header_rows():
    layout = layout_table(get_format("2019").table("三"))
    corner = layout.at(0, 0)
    assert corner is not None
    assert corner.text == CORNER_NOTE
    assert spans(corner) == (0, 0, 3, 3)
    assert layout.header_rows == 3
    assert layout.is_corner(corner)


def test_table_3_applicant_header_has_three_levels():
    layout = layout_table(get_format("2019").table("三"))
    assert spans(cell_with_text(layout, "申请人情况")) == (0, 3, 1, 7)
    assert spans(cell_with_text(layout, "自然人")) == (1, 3, 2, 1)
    assert spans(cell_with_text(layout, "法人或其他组织")) == (1, 4, 1, 5)
    assert spans(cell_with_text(layout, "商业企业")) == (2, 4, 1, 1)
    assert spans(cell_with_text(layout, "其他")) == (2, 8, 1, 1)
    assert spans(cell_with_text(layout, "总计")) == (1, 9, 2, 1)
    assert layout.n_cols == 10


@pytest.mark.parametrize(("format_id", "result_rows"), [("2019", 20), ("2021", 22)])
def test_table_3_results_label_spans_every_result_row(format_id, result_rows):
    layout = layout_table(get_format(format_id).table("三"))
    results = cell_with_text(layout, "三、本年度办理结果")
    assert spans(results) == (5, 0, result_rows, 1)
    assert layout.n_rows == 3 + 2 + result_rows + 1
    total = cell_with_text(layout, "（七）总计")
    assert spans(total) == (5 + result_rows - 1, 1, 1, 2)
    assert spans(cell_with_text(layout, "四、结转下年度继续办理")) == (
        5 + result_rows,
        0,
        1,
        3,
    )


def test_table_3_groups_span_their_items_and_short_labels_span_the_rest():
    layout = layout_table(get_format("2021").table("三"))
    assert spans(cell_with_text(layout, "一、本年新收政府信息公开申请数量")) == (
        3,
        0,
        1,
        3,
    )
    assert spans(cell_with_text(layout, "（一）予以公开")) == (5, 1, 1, 2)
    assert spans(cell_with_text(layout, "（三）不予公开")) == (7, 1, 8, 1)
    assert spans(cell_with_text(layout, "1.属于国家秘密")) == (7, 2, 1, 1)
    assert spans(cell_with_text(layout, "（四）无法提供")) == (15, 1, 3, 1)
    assert spans(cell_with_text(layout, "（五）不予处理")) == (18, 1, 5, 1)
    assert spans(cell_with_text(layout, "（六）其他处理")) == (23, 1, 3, 1)
    assert spans(cell_with_text(layout, "3.其他")) == (25, 2, 1, 1)


def test_table_3_in_2019_has_a_single_other_row():
    layout = layout_table(get_format("2019").table("三"))
    assert spans(cell_with_text(layout, "（六）其他处理")) == (23, 1, 1, 2)


def test_table_3_value_cells_carry_their_official_refs():
    layout = layout_table(get_format("2021").table("三"))
    cell = layout.at(7, 4)
    assert cell is not None
    assert cell.kind is CellKind.VALUE
    assert cell.ref is not None
    assert cell.ref.row == "三、本年度办理结果/（三）不予公开/1.属于国家秘密"
    assert cell.ref.column == "申请人情况/法人或其他组织/商业企业"
    headers = [h.text for h in layout.headers_of(cell)]
    assert headers == [
        "申请人情况",
        "法人或其他组织",
        "商业企业",
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    ]


# -- table 四 ----------------------------------------------------------------------


def test_table_4_has_no_label_column_and_a_three_level_header():
    layout = layout_table(get_format("2019").table("四"))
    assert layout.label_cols == 0
    assert layout.header_rows == 3
    assert (layout.n_rows, layout.n_cols) == (4, 15)
    assert spans(cell_with_text(layout, "行政复议")) == (0, 0, 1, 5)
    assert spans(cell_with_text(layout, "行政诉讼")) == (0, 5, 1, 10)
    assert spans(cell_with_text(layout, "结果维持")) == (1, 0, 2, 1)
    assert spans(cell_with_text(layout, "总计")) == (1, 4, 2, 1)
    assert spans(cell_with_text(layout, "未经复议直接起诉")) == (1, 5, 1, 5)
    assert spans(cell_with_text(layout, "复议后起诉")) == (1, 10, 1, 5)
    assert spans(cell_with_text(layout, "结果维持", 1)) == (2, 5, 1, 1)
    assert not [c for c in layout.cells if c.kind is CellKind.LABEL]


def test_table_4_data_row_holds_fifteen_values_in_order():
    layout = layout_table(get_format("2021").table("四"))
    values = [c for c in layout.cells if c.row == 3]
    assert [c.kind for c in values] == [CellKind.VALUE] * 15
    columns = [c.ref.column for c in values if c.ref]
    assert columns[0] == "行政复议/结果维持"
    assert columns[4] == "行政复议/总计"
    assert columns[5] == "行政诉讼/未经复议直接起诉/结果维持"
    assert columns[14] == "行政诉讼/复议后起诉/总计"
    assert {c.ref.row for c in values if c.ref} == {""}


# -- table 二 ----------------------------------------------------------------------


def test_table_2_blocks_have_a_full_width_title_and_their_own_header_row():
    layout = layout_table(get_format("2019").table("二"))
    assert layout.n_cols == 4
    assert layout.header_rows == 0  # five blocks: no single header to repeat
    titles = [c for c in layout.cells if c.block_title]
    assert {c.colspan for c in titles} == {4}
    assert [c.text for c in titles] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    assert [c.text for c in layout.cells if c.row == 1] == [
        "信息内容",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
    ]
    assert len([c for c in layout.cells if c.text == "信息内容"]) == 5


def test_table_2_a_block_with_fewer_columns_stretches_its_last_column():
    layout_2019 = layout_table(get_format("2019").table("二"))
    fee_row = cell_with_text(layout_2019, "行政事业性收费").row
    assert [spans(c)[2:] for c in layout_2019.cells if c.row == fee_row] == [
        (1, 1),
        (1, 1),
        (1, 2),
    ]
    layout_2021 = layout_table(get_format("2021").table("二"))
    decisions = cell_with_text(layout_2021, "本年处理决定数量")
    assert spans(decisions)[1:] == (1, 1, 3)
    licensing = cell_with_text(layout_2021, "行政许可")
    value = layout_2021.at(licensing.row, 1)
    assert value is not None
    assert value.colspan == 3
    assert value.ref is not None
    assert value.ref.row == "第二十条第（五）项/行政许可"


# -- statistics tables -------------------------------------------------------------


def test_statistics_table_prints_indicator_unit_and_count_with_indented_rows():
    layout = layout_table(get_format("legacy").table("政府信息公开情况统计表"))
    assert [c.text for c in layout.cells if c.row == 0] == [
        "统计指标",
        "单位",
        "统计数",
    ]
    heading = cell_with_text(layout, "一、主动公开情况")
    assert heading.indent == 0
    beside = [c for c in layout.cells if c.row == heading.row and c is not heading]
    assert [(c.kind, c.text, c.ref) for c in beside] == [
        (CellKind.UNIT, "", None),
        (CellKind.VALUE, "", None),
    ]
    received = cell_with_text(layout, "（一）收到申请数")
    assert received.indent == 1
    received_row = [c for c in layout.cells if c.row == received.row]
    assert received_row[1].text == "件"
    assert received_row[2].ref is not None  # an inner row with figures of its own
    face_to_face = [c for c in layout.cells if c.row == received.row + 1]
    assert face_to_face[0].text == "1.当面申请数"
    assert face_to_face[0].indent == 2


# -- every table of every format ---------------------------------------------------


@pytest.mark.parametrize(("format_id", "table"), EVERY_TABLE, ids=EVERY_TABLE_IDS)
def test_cells_tile_the_grid_without_gaps_or_overlaps(format_id, table):
    layout = layout_table(table)
    covered: dict[tuple[int, int], GridCell] = {}
    for cell in layout.cells:
        for row in range(cell.row, cell.last_row + 1):
            for col in range(cell.col, cell.last_col + 1):
                assert (row, col) not in covered, (
                    f"{format_id} {table.id} ({row},{col})"
                )
                covered[(row, col)] = cell
    assert len(covered) == layout.n_rows * layout.n_cols


@pytest.mark.parametrize(("format_id", "table"), EVERY_TABLE, ids=EVERY_TABLE_IDS)
def test_every_data_cell_of_the_format_is_drawn_once(format_id, table):
    layout = layout_table(table)
    drawn = [c.ref for c in layout.value_cells()]
    assert sorted(drawn) == sorted(spec.ref for spec in table.cells())
