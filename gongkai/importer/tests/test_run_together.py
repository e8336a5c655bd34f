"""Reports whose text lost every separator: a scraper took the page's text with
all whitespace collapsed, so labels and figures run together and a row's figures
form one digit string (issue: 「规章000行政规范性文件77132470」).

The reports are gongkai's own, computed from random ledgers (so their sums hold
as real reports' do), rendered to HTML, reduced to their text and flattened.
Every cell whose split is unique must be right; every other cell blank, with its
candidates listed; and no sum error the report does not have.
"""

from __future__ import annotations

import re

import pytest
from lxml import html

from gongkai.importer.readers.flattened import is_run_together, pieces
from gongkai.reports.builder import build_report
from gongkai.reports.checks import run_checks
from gongkai.reports.formats import get_format
from gongkai.reports.render import render
from gongkai.testing.factories import AgencyFactory
from gongkai.testing.ledgers import LedgerSize, random_ledger

from .helpers import parse_bytes


def flattened(page: bytes) -> str:
    root = html.fromstring(page)
    for element in root.xpath("//style|//script"):
        element.drop_tree()
    return re.sub(r"\s+", "", root.text_content())


def ledger_report(format_id: str, seed: int):
    agency = AgencyFactory(name="青溪县自然资源局")
    random_ledger(
        agency,
        years=[2022],
        seed=seed,
        size=LedgerSize(items=60, applications=90, activities=10, case_share=0.2),
    )
    return build_report(agency=agency, year=2022, fmt=get_format(format_id))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("format_id", "seed"),
    [
        ("2019", 11),
        ("2019", 14),
        ("2021", 11),
        ("2021", 12),
        ("2021", 15),
        ("legacy", 13),
    ],
)
def test_every_uniquely_split_cell_is_right_and_the_rest_blank(format_id, seed):
    fmt = get_format(format_id)
    report = ledger_report(format_id, seed)
    text = flattened(render(report, fmt, "html"))
    assert is_run_together(text)
    got = parse_bytes(text.encode("utf-8"), format_id=format_id).report
    wrong, blank = [], []
    for ref, cell in report.cells.items():
        value = got.value(ref.table, ref.row, ref.column)
        if value is None and cell.value is not None:
            blank.append(ref)
        elif value != cell.value:
            wrong.append(f"{ref}: {cell.value} → {value}")
    assert wrong == []
    assert len(blank) < len(report.cells) / 4  # most of the report is read
    ambiguous = [f for f in got.findings if f.rule == "IMPORT.ambiguous_split"]
    for ref in blank:  # each blank cell's row is reported, with its candidates
        assert any(ref in f.cells for f in ambiguous) or any(
            ref in f.cells for f in got.findings if f.rule.startswith("IMPORT.")
        ), ref
    # No sum error the report does not have (its draft narrative's placeholders
    # are its own).
    own = {f.rule for f in run_checks(report, fmt) if f.severity == "error"}
    assert [
        f.message for f in got.findings if f.severity == "error" and f.rule not in own
    ] == []


def test_a_row_and_the_next_rows_numbering_are_told_apart():
    text = (
        "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
        "3.危及“三安全一稳定”1000001"
    )
    assert pieces(text) == [
        "（三）不予公开",
        "1.属于国家秘密",
        "0000000",
        "2.其他法律行政法规禁止公开",
        "0000000",
        "3.危及“三安全一稳定”",
        "1000001",
    ]


def test_a_signed_figure_keeps_its_sign():
    assert pieces("行政许可541+6247行政处罚655-26468行政强制416")[1:4] == [
        "541",
        "+6247",
        "行政处罚",
    ]


def test_dates_units_and_article_numbers_stay_in_their_words():
    sentence = "本年度共收到申请95件，其中当面申请3件。"
    assert pieces("青溪县2023年政府信息公开工作年度报告。" + sentence) == [
        "青溪县2023年政府信息公开工作年度报告。",
        sentence,
    ]


def test_ordinary_text_is_not_taken_for_run_together():
    assert not is_run_together("本年度共收到申请95件，其中当面申请3件。" * 20)
    assert not is_run_together("规章 0 0 0\n行政规范性文件 7 7 13\n" * 20)


@pytest.mark.parametrize("number", ["000", "001"])
def test_a_report_with_no_table_run_together_is_read_through_its_sentences(number):
    """Seeds 000 and 001 print no table: with their whitespace taken out (and
    seed 000's "|" left in its prose) they are still whose and which year they
    were, and every figure their sentences state is read as before."""
    from .helpers import parse_file, seed

    path = seed(number)
    as_printed = parse_file(path).report
    run_together = parse_bytes(
        re.sub(r"\s+", "", path.read_text()).encode("utf-8"), "flat.txt"
    ).report
    assert (run_together.agency.name, run_together.year) == (
        as_printed.agency.name,
        as_printed.year,
    )
    stated = {r: c.value for r, c in as_printed.cells.items() if c.value is not None}
    assert stated
    assert {r: run_together.value(r.table, r.row, r.column) for r in stated} == stated
