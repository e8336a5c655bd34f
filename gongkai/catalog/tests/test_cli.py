"""The ``gongkai catalog`` commands, as a person at a terminal uses them."""

from datetime import date

import pytest
from click.testing import CliRunner

from gongkai.catalog.models import ArchiveTransfer, Item
from gongkai.cli import main
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

CSV = (
    "名称,生成日期,发布日期,信息类别\n"
    "关于开展森林防火宣传的通知,2025-03-03,2025-03-05,工作动态类\n"
    "森林防火工作总结,2025-03-03,2025-04-30,计划总结类\n"
)


def run(*args: str):
    return CliRunner().invoke(main, ["catalog", *args], catch_exceptions=False)


@pytest.fixture
def catalogue_file(tmp_path):
    path = tmp_path / "目录.csv"
    path.write_text(CSV, encoding="gbk")
    return path


def test_import_then_search_then_export(agency, catalogue_file, tmp_path):
    imported = run("import", str(catalogue_file), "--agency", agency.name)
    assert imported.exit_code == 0
    assert "已导入 2 条：已发布 2 条，草稿 0 条。" in imported.output
    found = run("search", "防火", "--category", "工作动态类")
    assert "共 1 条" in found.output
    assert "关于开展森林【防火】宣传的通知" in found.output
    out = tmp_path / "导出.xlsx"
    exported = run("export", "--agency", agency.name, "--to", "xlsx", "-o", str(out))
    assert exported.exit_code == 0 and out.stat().st_size > 0


def test_a_bad_file_lists_its_errors_and_exits_1(agency, tmp_path):
    bad = tmp_path / "坏.csv"
    bad.write_text("名称,生成日期\n,2025-03-03\n甲,昨天\n", encoding="utf-8")
    result = run("import", str(bad), "--agency", agency.credit_code)
    assert result.exit_code == 1
    assert "坏.csv 有 2 处错误，未导入任何数据" in result.output
    assert "第2行“名称”列：必须填写。" in result.output
    assert "第3行“生成日期”列" in result.output
    assert not Item.objects.exists()


def test_an_unknown_agency_is_named_with_those_close_to_it(agency, catalogue_file):
    result = run("import", str(catalogue_file), "--agency", "测试市民政")
    assert result.exit_code == 1
    assert "找不到机构「测试市民政」" in result.output
    assert "测试市民政局" in result.output


def test_late_counts_items_published_after_their_deadline(agency, catalogue_file):
    run("import", str(catalogue_file), "--agency", agency.name)
    result = run("late", "--agency", agency.name, "--year", "2025")
    assert "测试市民政局：2 / 1" in result.output  # 30 April is past 31 March


def test_archive_sends_a_batch_of_what_was_not_sent(agency):
    factories.ItemFactory.create_batch(2, agency=agency, published_on=date(2021, 5, 1))
    args = ["--agency", agency.name, "--recipient", "测试市档案馆"]
    result = run("archive", *args, "--until", "2021-12-31", "--sent-on", "2022-01-05")
    assert "已向测试市档案馆报送 2 条（2022-01-05）" in result.output
    again = run("archive", *args, "--until", "2021-12-31")
    assert again.exit_code == 1 and "这一批没有信息" in again.output
    assert ArchiveTransfer.objects.get().electronic_items == 2


def test_reindex_reports_what_it_indexed(agency):
    factories.ItemFactory.create_batch(3, agency=agency)
    result = run("reindex", "--workers", "1")
    assert "已索引 3 条" in result.output
