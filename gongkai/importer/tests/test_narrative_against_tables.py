"""A figure the narrative states beside a printed table that contradicts it is
reported with both figures; neither the table nor the narrative is changed, and a
narrative that agrees with its table raises nothing."""

from __future__ import annotations

import pytest

from .helpers import cell, parse_bytes
from .test_variants import TABLE_3_AS_PDF_TEXT

TITLE, TABLE = TABLE_3_AS_PDF_TEXT.split("\n", 1)
NEW = "一、本年新收政府信息公开申请数量"
CLOSED = "三、本年度办理结果/（七）总计"


def parsed_with(sentence: str):
    text = f"{TITLE}\n{sentence}\n{TABLE}"
    return parse_bytes(text.encode("utf-8"), format_id="2021").report


def contradictions(report):
    return [f for f in report.findings if f.rule == "IMPORT.narrative_table"]


@pytest.mark.parametrize(
    ("sentence", "stated", "row", "printed"),
    [
        ("本年度共受理政府信息公开申请17件。", "17", NEW, 70),
        ("全年共收到申请17件，均已按时答复。", "17", NEW, 70),
        ("本年度办结政府信息公开申请60件。", "60", CLOSED, 71),
    ],
)
def test_a_narrative_figure_the_table_contradicts_is_reported_with_both(
    sentence, stated, row, printed
):
    report = parsed_with(sentence)
    found = contradictions(report)
    assert len(found) == 1
    message = found[0].message
    assert stated in message and str(printed) in message
    assert cell(report, "三", row, "总计").value == printed  # the table is kept


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请70件，办结71件。",
        "本年度不予受理申请17件。",  # not the number received
        "本年度共收到政府信息公开申请近100件。",  # approximate: never compared
    ],
)
def test_a_narrative_that_agrees_or_states_nothing_comparable_raises_nothing(sentence):
    assert contradictions(parsed_with(sentence)) == []
