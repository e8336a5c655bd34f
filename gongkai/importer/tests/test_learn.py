"""``gongkai report formats learn``: a format file drafted from a report (issue 16,
item 2).

The variant is written here the way a city printed its own statistics table before
2019, beside the national one (legacy.yaml): rows renamed (「1.当面申请」,
「2.网上申请数」) and regrouped (the channels of publication printed as a group of
their own, the reviews and lawsuits under the applications), two period columns
(本年, 累计), a unit column, a row the national table lacks (「（三）咨询服务人次」)
and national rows it does not print (传真申请, 办结数, the fees), in HTML, DOCX and
PDF. It is drafted,
reviewed as docs/how-to/learn-a-format.md says (the rows marked 待人工映射 mapped by
hand), added to a formats directory, and the same report imported again: every
figure lands in its printed cell, under the indicator the reviewer chose.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gongkai.cli import main
from gongkai.importer.importing import import_bytes, limits_from_settings
from gongkai.importer.learning.match import MIN_SCORE
from gongkai.importer.parsing import ParseOptions
from gongkai.reports import formats
from gongkai.reports.checks_startup import format_problems

LEARNED_ID = "某市-legacy"
TABLE = "政府信息公开情况统计表"  # the national table's id: the draft replaces it
HEAD, PUBLISHED = "一、主动公开情况", "（一）主动公开政府信息数"
NORMATIVE = "其中：主动公开规范性文件数"
CHANNELS = "（二）通过不同渠道公开政府信息的情况"
GAZETTE, WEBSITE = "1.政府公报公开数", "2.政府网站公开数"
ASK, RECEIVED = "二、依申请公开情况", "（一）收到申请数"
IN_PERSON, ONLINE, LETTER = "1.当面申请", "2.网上申请数", "3.信函申请数"
ANSWERED = "（二）申请答复数"
AGREED, PARTLY, REFUSED = (
    "1.同意公开答复数",
    "2.同意部分公开答复数",
    "3.不同意公开答复数",
)
CONSULTED = "（三）咨询服务人次"  # no national row means this
REVIEWS = "三、行政复议数量"

# (heading,) printed across the table, or (label, unit, 本年, 累计).
ROWS: list[tuple[str, ...]] = [
    (HEAD,),
    (PUBLISHED, "条", "120", "560"),
    (NORMATIVE, "条", "8", "30"),
    (CHANNELS,),
    (GAZETTE, "条", "10", "40"),
    (WEBSITE, "条", "100", "400"),
    (ASK,),
    (RECEIVED, "件", "12", "40"),
    (IN_PERSON, "件", "2", "10"),
    (ONLINE, "件", "9", "25"),
    (LETTER, "件", "1", "5"),
    # The replies do not add up in the 累计 column (7 + 2 + 3 ≠ 13): the draft
    # must not state a rule this report breaks.
    (ANSWERED, "件", "12", "13"),
    (AGREED, "件", "7", "20"),
    (PARTLY, "件", "2", "8"),
    (REFUSED, "件", "3", "12"),
    (CONSULTED, "人次", "35", "300"),
    (REVIEWS, "件", "1", "3"),
]

# Every printed figure, by the row's printed path (a heading printed across the
# table groups the rows under it until the next one) and its column.
EXPECTED = {
    ((HEAD, PUBLISHED), "本年"): 120,
    ((HEAD, PUBLISHED), "累计"): 560,
    ((HEAD, PUBLISHED, NORMATIVE), "本年"): 8,
    ((HEAD, PUBLISHED, NORMATIVE), "累计"): 30,
    ((CHANNELS, GAZETTE), "本年"): 10,
    ((CHANNELS, GAZETTE), "累计"): 40,
    ((CHANNELS, WEBSITE), "本年"): 100,
    ((CHANNELS, WEBSITE), "累计"): 400,
    ((ASK, RECEIVED), "本年"): 12,
    ((ASK, RECEIVED), "累计"): 40,
    ((ASK, RECEIVED, IN_PERSON), "本年"): 2,
    ((ASK, RECEIVED, IN_PERSON), "累计"): 10,
    ((ASK, RECEIVED, ONLINE), "本年"): 9,
    ((ASK, RECEIVED, ONLINE), "累计"): 25,
    ((ASK, RECEIVED, LETTER), "本年"): 1,
    ((ASK, RECEIVED, LETTER), "累计"): 5,
    ((ASK, ANSWERED), "本年"): 12,
    ((ASK, ANSWERED), "累计"): 13,
    ((ASK, ANSWERED, AGREED), "本年"): 7,
    ((ASK, ANSWERED, AGREED), "累计"): 20,
    ((ASK, ANSWERED, PARTLY), "本年"): 2,
    ((ASK, ANSWERED, PARTLY), "累计"): 8,
    ((ASK, ANSWERED, REFUSED), "本年"): 3,
    ((ASK, ANSWERED, REFUSED), "累计"): 12,
    ((ASK, CONSULTED), "本年"): 35,
    ((ASK, CONSULTED), "累计"): 300,
    ((ASK, REVIEWS), "本年"): 1,
    ((ASK, REVIEWS), "累计"): 3,
}

# The reviewer's mapping of the rows the draft leaves to a person (the channels'
# labels differ too much from the national 「1.政府公报公开政府信息数」 to be taken
# on a score); 「（三）咨询服务人次」 stays an attested figure of the format.
REVIEWED = {
    GAZETTE: ("catalog.channel", {"channel": "gazette"}),
    WEBSITE: ("catalog.channel", {"channel": "website"}),
}

TITLE = "某市统计局2012年政府信息公开情况统计表"


def as_html(rows=ROWS) -> bytes:
    body = "".join(
        f"<tr><td colspan=4>{row[0]}</td></tr>"
        if len(row) == 1
        else "<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>"
        for row in rows
    )
    return (
        '<html><head><meta charset="utf-8">'
        # Ruled cells, as printed reports have them (and a PDF's table is found by).
        "<style>table{border-collapse:collapse} td{border:1px solid #000}</style>"
        "</head><body><h1>某市统计局2012年政府信息公开工作年度报告</h1>"
        "<p>一、概述。本年度我局认真贯彻《中华人民共和国政府信息公开条例》。</p>"
        f"<p>附表：{TITLE}</p><table>"
        "<tr><td>统计指标</td><td>单位</td><td>本年</td><td>累计</td></tr>"
        f"{body}</table></body></html>"
    ).encode()


def as_docx(rows=ROWS) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("某市统计局2012年政府信息公开工作年度报告")
    document.add_paragraph(
        "一、概述。本年度我局认真贯彻《中华人民共和国政府信息公开条例》。"
    )
    document.add_paragraph(f"附表：{TITLE}")
    table = document.add_table(rows=0, cols=4)
    for row in [("统计指标", "单位", "本年", "累计"), *rows]:
        cells = table.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[3]).text = row[0]
        else:
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(rows=ROWS) -> bytes:
    from weasyprint import HTML

    return HTML(string=as_html(rows).decode()).write_pdf()


MAKERS = {"html": as_html, "docx": as_docx, "pdf": as_pdf}


@pytest.fixture(params=sorted(MAKERS))
def report_file(request, tmp_path) -> Path:
    path = tmp_path / f"report.{request.param}"
    path.write_bytes(MAKERS[request.param]())
    return path


@pytest.fixture
def formats_dir(tmp_path, monkeypatch) -> Path:
    """A formats directory of its own: the national files, and what a test adds.
    The loader keeps what it read, so its cache is cleared before and after."""
    folder = tmp_path / "formats"
    folder.mkdir()
    for path in formats.FORMATS_DIR.glob("*.yaml"):
        shutil.copy(path, folder)
    formats.all_formats.cache_clear()
    monkeypatch.setattr(formats, "FORMATS_DIR", folder)
    yield folder
    formats.all_formats.cache_clear()


def learn(path: Path, *options: str) -> CliRunner:
    return CliRunner().invoke(
        main, ["report", "formats", "learn", str(path), "--id", LEARNED_ID, *options]
    )


def review(text: str, mapping: dict[str, tuple[str, dict]]) -> str:
    """What the how-to asks of a person: for each row marked 待人工映射, its
    ``indicator`` and ``args`` written in place of the attested ones, and its
    entry in ``attested:`` deleted."""
    for label, (indicator, args) in mapping.items():
        found = re.search(
            rf'- label: "{re.escape(label)}"  # 待人工映射.*\n'
            r"(\s+)indicator: attested\n\s+args: \{key: \"(?P<key>[^\"]+)\"\}\n",
            text,
        )
        assert found, f"{label} is not marked for review"
        flow = ", ".join(f"{k}: {v}" for k, v in args.items())
        pad = found.group(1)
        text = text.replace(
            found.group(0),
            f'- label: "{label}"\n{pad}indicator: {indicator}\n{pad}args: {{{flow}}}\n',
        )
        text = re.sub(rf'\n  "{re.escape(found["key"])}": .*', "", text)
    return text


def added(folder: Path, text: str) -> formats.Format:
    (folder / "moushi-legacy.yaml").write_text(text, encoding="utf-8")
    formats.all_formats.cache_clear()
    return formats.get_format(LEARNED_ID)


def imported(path: Path):
    outcome = import_bytes(
        path.read_bytes(), path.name, limits_from_settings(), ParseOptions()
    )
    assert outcome.ok, outcome.error
    return outcome.parsed


def test_the_draft_loads_and_maps_rows_by_their_labels(report_file, formats_dir):
    result = learn(report_file)
    assert result.exit_code == 0, result.output
    text = result.output
    fmt = added(formats_dir, text)
    assert fmt.extends == "legacy"  # a 2012 report: the national format of 2008–2018
    assert fmt.table(TABLE).title == "某市统计局{year}年政府信息公开情况统计表"
    data = yaml.safe_load(text)
    assert data["name"].startswith("待填写") and data["basis"].startswith("待填写")
    assert (data["first_year"], data["last_year"]) == (2012, 2012)
    block = fmt.table(TABLE).blocks[0]
    assert [c.label for c in block.data_columns()] == ["本年", "累计"]
    assert block.unit_column == "单位" and block.corner == "统计指标"
    specs = {spec.ref.row: spec for spec in fmt.table(TABLE).cells()}
    # Renamed rows are mapped to the national row they mean, with the score shown.
    assert specs[f"{ASK}/{RECEIVED}/{IN_PERSON}"].indicator == "applications.received"
    assert specs[f"{ASK}/{RECEIVED}/{IN_PERSON}"].args == {"channel": "in_person"}
    assert specs[f"{ASK}/{RECEIVED}/{ONLINE}"].args == {"channel": ["online", "email"]}
    assert specs[f"{ASK}/{REVIEWS}"].indicator == "cases.review"
    assert specs[f"{ASK}/{RECEIVED}/{IN_PERSON}"].unit == "件"
    matched = rf"# 匹配：「{TABLE}」「1\.当面申请数」 0\.\d\d"
    assert re.search(rf'label: "{re.escape(IN_PERSON)}"  {matched}', text)
    # A row no national label comes close to is left to a person, and declared so
    # that the file loads.
    consulted = specs[f"{ASK}/{CONSULTED}"]
    assert consulted.indicator == "attested"
    assert consulted.args["key"] in fmt.attested
    assert re.search(rf'label: "{re.escape(CONSULTED)}"  # 待人工映射', text)
    assert format_problems(fmt) == []


def test_the_draft_states_only_the_sums_the_report_keeps(report_file, formats_dir):
    fmt = added(formats_dir, learn(report_file).output)
    learned = {c.params.get("left", [None])[0] for c in fmt.checks}
    assert f"{ASK}/{RECEIVED}" in learned  # 12 = 2 + 9 + 1, 40 = 10 + 25 + 5
    assert f"{ASK}/{ANSWERED}" not in learned  # 累计 13 ≠ 20 + 8 + 12


def test_once_reviewed_and_added_the_variant_imports_exactly(report_file, formats_dir):
    text = review(learn(report_file).output, REVIEWED)
    fmt = added(formats_dir, text)
    assert format_problems(fmt) == []
    parsed = imported(report_file)
    assert parsed.format.id == LEARNED_ID
    report = parsed.report
    got = {
        (ref.row, ref.column): c.value
        for ref, c in report.cells.items()
        if ref.table == TABLE
    }
    assert got == {("/".join(row), column): v for (row, column), v in EXPECTED.items()}
    specs = {spec.ref.row: spec for spec in fmt.table(TABLE).cells()}
    for label, (indicator, args) in REVIEWED.items():
        assert specs[f"{CHANNELS}/{label}"].indicator == indicator
        assert specs[f"{CHANNELS}/{label}"].args == args
    assert report.printed_tables() == []  # recognised whole: nothing kept as printed
    rules = [f.rule for f in report.findings]
    assert "IMPORT.table_missing" not in rules
    assert [f.message for f in report.findings if f.severity == "error"] == []


def test_a_figure_that_breaks_a_learned_sum_is_reported(report_file, formats_dir):
    added(formats_dir, review(learn(report_file).output, REVIEWED))
    broken = [(*row[:2], "5", row[3]) if row[0] == IN_PERSON else row for row in ROWS]
    path = report_file.with_name("broken" + report_file.suffix)
    path.write_bytes(MAKERS[report_file.suffix[1:]](broken))
    findings = imported(path).report.findings
    assert [f.message for f in findings if f.severity == "error"] == [
        f"「{RECEIVED}」（本年）为12，其分项之和为15，二者应当相等"
    ]


def test_extends_can_be_given_and_the_draft_goes_to_a_file(formats_dir, tmp_path):
    source = tmp_path / "report.html"
    source.write_bytes(as_html())
    out = tmp_path / "draft.yaml"
    result = learn(source, "--extends", "2019", "--out", str(out))
    assert result.exit_code == 0, result.output
    fmt = added(formats_dir, out.read_text(encoding="utf-8"))
    assert fmt.extends == "2019"
    # The 2019 format has no such table: the printed one is added beside 二、三、四.
    assert {t.id for t in fmt.tables} >= {"二", "三", "四"}
    assert len(fmt.tables) == 4


def test_a_file_with_no_table_is_one_chinese_line(tmp_path, formats_dir):
    source = tmp_path / "report.html"
    source.write_text(
        "<html><body><h1>某市统计局2012年政府信息公开工作年度报告</h1>"
        "<p>本年度共收到申请12件。</p></body></html>",
        encoding="utf-8",
    )
    result = learn(source)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "错误：report.html 中没有找到带数字的表格，无法起草格式文件。"
    ]


def test_an_id_already_taken_is_refused(formats_dir, tmp_path):
    source = tmp_path / "report.html"
    source.write_bytes(as_html())
    result = CliRunner().invoke(
        main, ["report", "formats", "learn", str(source), "--id", "legacy"]
    )
    assert result.exit_code == 2
    assert "已有 id 为 legacy 的报告格式" in result.output


def test_the_threshold_is_between_a_renamed_row_and_an_unrelated_one():
    from gongkai.importer.learning.match import best_match

    assert best_match(IN_PERSON, [ASK, RECEIVED]).score >= MIN_SCORE
    assert best_match(CONSULTED, [ASK]).score < MIN_SCORE


def test_bare_formats_still_lists_the_formats():
    """``report formats`` became a group (for ``learn``); run bare, it prints the
    same listing as before, and no usage text."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="报告格式", title_justify="left")
    for column in ("id", "名称", "依据", "适用年度", "继承自"):
        table.add_column(column)
    for fmt in formats.all_formats().values():
        years = f"{fmt.first_year}–{fmt.last_year or ''}"
        table.add_row(fmt.id, fmt.name, fmt.basis, years, fmt.extends or "—")
    expected = Console(file=io.StringIO(), width=160, soft_wrap=True)
    expected.print(table)
    result = CliRunner().invoke(main, ["report", "formats"])
    assert result.exit_code == 0
    assert result.output == expected.file.getvalue()
    assert "learn" in CliRunner().invoke(main, ["report", "formats", "--help"]).output


SUPERVISION = [  # a province's own table, printed after the national ones
    ("1.本地区政务公开监督员人数", "人", "5"),
    ("2.提出意见数", "条", "12"),
    ("3.采纳意见数", "条", "10"),
]


def with_own_table(national: bytes) -> bytes:
    """The team's 2021 Word export with a province's table added after 四."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>"
        for row in SUPERVISION
    )
    table = (
        "<p>附表：政务公开监督员情况统计表</p><table border=1>"
        f"<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>{rows}</table>"
    )
    text = national.decode("gbk")
    anchor = "<p class=MsoNormal><b><span>五、存在的主要问题及改进情况"
    assert anchor in text
    return text.replace(anchor, table + anchor).encode("gbk")


def test_national_tables_printed_as_such_are_left_to_the_parent(formats_dir, tmp_path):
    """A report printing the national tables and one of its own: the draft has
    only its own (the national ones keep their column arguments, 自然人 …), and
    the report imported in it reads both."""
    from .helpers import DATA

    national = (DATA / "word-export-gbk-2021.html").read_bytes()
    source = tmp_path / "report.html"
    source.write_bytes(with_own_table(national))
    result = learn(source)
    assert result.exit_code == 0, result.output
    fmt = added(formats_dir, result.output)
    assert fmt.extends == "2021"
    own = [t for t in fmt.tables if t.id not in ("二", "三", "四")]
    assert [t.id for t in own] == ["政务公开监督员情况统计表"]
    assert fmt.table("三") == formats.get_format("2021").table("三")
    parsed = imported(source)
    assert parsed.format.id == LEARNED_ID
    report = parsed.report
    got = {
        ref.row: c.value
        for ref, c in report.cells.items()
        if ref.table == "政务公开监督员情况统计表"
    }
    assert got == {label: int(value) for label, _, value in SUPERVISION}
    received = report.value("三", "一、本年新收政府信息公开申请数量", "申请人情况/总计")
    assert received == imported(DATA / "word-export-gbk-2021.html").report.value(
        "三", "一、本年新收政府信息公开申请数量", "申请人情况/总计"
    )
    assert received is not None
    assert "IMPORT.table_missing" not in [f.rule for f in report.findings]


def test_a_report_printing_only_national_tables_needs_no_file(formats_dir):
    from .helpers import DATA

    result = learn(DATA / "word-export-gbk-2021.html")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "错误：报告中的表格与2021格式的表格相同，无需新的格式文件。"
    )


def test_a_row_that_inherits_arguments_its_indicator_refuses_is_marked(
    formats_dir, tmp_path
):
    """The loader merges a row's args into its sub-rows': an unmapped sub-row of
    行政复议 would be an attested figure with a ``result`` — the draft says so at
    the row, for the reviewer, and still loads."""
    rows = [
        ("三、行政复议数量", "件", "3"),
        ("（一）维持具体行政行为数", "件", "1"),
        ("（二）被依法纠错数", "件", "1"),
        ("（三）申请人撤回数", "件", "1"),
    ]
    body = "".join(
        "<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in rows
    )
    source = tmp_path / "report.html"
    source.write_text(
        "<html><body><h1>某县民政局2015年政府信息公开工作年度报告</h1><table>"
        f"<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>{body}</table>"
        "</body></html>",
        encoding="utf-8",
    )
    result = learn(source)
    assert result.exit_code == 0, result.output
    marked = re.search(
        r'label: "（三）申请人撤回数"  # 待人工映射.*\n(?:.*\n){2}\s+# 注意：(.*)',
        result.output,
    )
    assert marked, result.output
    assert marked[1].startswith("此行继承了上级行「三、行政复议数量」的参数")
    assert "result" in marked[1]
    added(formats_dir, result.output)  # loads
