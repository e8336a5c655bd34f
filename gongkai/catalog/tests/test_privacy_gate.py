"""Publication is blocked while an item's text or attachments show personal
numbers, until a reviewer overrides it with a reason; look-alikes pass."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
import weasyprint
from django.core.exceptions import ValidationError

from gongkai.catalog import services
from gongkai.catalog.models import ItemStatus, PrivacyPattern
from gongkai.core.workflow import NotPermitted

from .conftest import PUBLISHED

pytestmark = pytest.mark.django_db

ID_NUMBER = "522301199003071232"  # check character right
BAD_ID_NUMBER = "522301199003071233"  # check character wrong
MOBILE = "13812345678"
CARD = "6222021234567890128"  # passes Luhn


def pdf(text: str) -> bytes:
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


def docx_with_table(cell: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("关于公布低保对象名单的公告")
    document.add_table(rows=1, cols=2).rows[0].cells[1].text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_with(value: object) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "联系方式"])
    workbook.active.append(["张三", value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def attach(item, staff, name: str, data: bytes):
    return services.item_attach(
        acting_user=staff.clerk, item=item, file=io.BytesIO(data), name=name
    )


def publish(item, staff, reason: str = "", who: str = "head"):
    return services.item_publish(
        acting_user=getattr(staff, who),
        item=item,
        channels={"website": PUBLISHED},
        privacy_override_reason=reason,
    )


@pytest.mark.parametrize(
    ("name", "data", "where", "masked"),
    [
        (
            "名单.pdf",
            pdf(f"申请人张三，身份证号{ID_NUMBER}。"),
            "第1页",
            "522301********1232",
        ),
        ("名单.docx", docx_with_table(f"电话：{MOBILE}"), "表格1", "138****5678"),
        ("名单.xlsx", xlsx_with(int(MOBILE)), "Sheet!第2行", "138****5678"),
        ("补贴.xlsx", xlsx_with(f"卡号{CARD}"), "Sheet!第2行", "***************0128"),
    ],
)
def test_numbers_in_attachments_block_publication_and_say_where(
    draft, staff, walk, name, data, where, masked
):
    attach(draft, staff, name, data)
    walk(draft, ItemStatus.SIGN_OFF)
    with pytest.raises(ValidationError) as refused:
        publish(draft, staff)
    assert f"附件《{name}》{where}" in str(refused.value)
    assert masked in str(refused.value)
    assert ID_NUMBER not in str(refused.value)
    assert draft.privacy_scans.get().findings[0]["masked"] == masked


def test_a_number_in_the_body_blocks_until_a_reviewer_overrides_with_a_reason(
    draft, staff, walk
):
    services.item_update(
        acting_user=staff.clerk, item=draft, body=f"联系人：张三，{MOBILE}。"
    )
    walk(draft, ItemStatus.SIGN_OFF)
    with pytest.raises(ValidationError, match="正文：手机号码 138\\*\\*\\*\\*5678"):
        publish(draft, staff)
    publish(draft, staff, reason="该号码为单位公开的值班电话")
    assert draft.status == ItemStatus.PUBLISHED
    scan = draft.privacy_scans.get()
    assert (scan.overridden_by, scan.override_reason) == (
        staff.head,
        "该号码为单位公开的值班电话",
    )


def test_only_the_roles_the_setting_names_may_override(draft, staff, walk, settings):
    settings.GONGKAI_CATALOG_REVIEW_ROLES = {
        **settings.GONGKAI_CATALOG_REVIEW_ROLES,
        "privacy_override": ["reviewer"],
    }
    services.item_update(acting_user=staff.clerk, item=draft, body=f"卡号{CARD}")
    walk(draft, ItemStatus.SIGN_OFF)
    with pytest.raises(NotPermitted, match="不能“隐私检查放行”"):
        publish(draft, staff, reason="已核实")


def test_look_alikes_do_not_block(draft, staff, walk):
    services.item_update(
        acting_user=staff.clerk,
        item=draft,
        body=f"编号{BAD_ID_NUMBER}，热线12345678901，文号黔府发〔2019〕3号。",
    )
    walk(draft, ItemStatus.PUBLISHED)
    assert draft.privacy_scans.get().found_nothing


def test_an_image_cannot_be_scanned_so_a_reviewer_must_look_at_it(draft, staff, walk):
    attachment = attach(draft, staff, "现场照片.png", PNG)
    assert (attachment.kind, attachment.scannable) == ("image", False)
    walk(draft, ItemStatus.SIGN_OFF)
    with pytest.raises(ValidationError, match="图片没有文字层，无法扫描"):
        publish(draft, staff)
    publish(draft, staff, reason="已人工核查照片，无个人信息")
    assert draft.status == ItemStatus.PUBLISHED


def test_a_pdf_without_a_text_layer_is_reported_as_not_scannable(draft, staff):
    scanned = weasyprint.HTML(
        string='<svg width="100" height="100"><rect width="50" height="50"/></svg>'
    ).write_pdf()
    attachment = attach(draft, staff, "扫描件.pdf", scanned)
    assert not attachment.scannable
    assert "扫描件" in attachment.problem


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("旧文件.doc", b"\xd0\xcf\x11\xe0", "不支持的附件类型"),
        ("改名.pdf", PNG, "不是 PDF 文件"),
        ("损坏.pdf", b"%PDF-1.4 not really", "文件已损坏"),
    ],
)
def test_files_that_cannot_be_read_are_refused(draft, staff, name, data, message):
    with pytest.raises(ValidationError, match=message):
        attach(draft, staff, name, data)
    assert not draft.attachments.exists()


def test_an_administrators_pattern_blocks_like_an_id_number(draft, staff, walk):
    PrivacyPattern.objects.create(name="社保卡号", pattern=r"SB\d{8}")
    services.item_update(acting_user=staff.clerk, item=draft, summary="SB12345678")
    walk(draft, ItemStatus.SIGN_OFF)
    with pytest.raises(ValidationError, match=r"内容概述：社保卡号 \*{10}"):
        publish(draft, staff)


def test_redaction_masks_the_drafts_text(draft, staff):
    services.item_update(
        acting_user=staff.clerk,
        item=draft,
        body=f"张三，身份证号{ID_NUMBER}，电话{MOBILE}。",
    )
    services.item_redact(acting_user=staff.clerk, item=draft)
    assert draft.body == "张三，身份证号522301********1232，电话138****5678。"
    assert services.item_privacy_scan(acting_user=staff.clerk, item=draft).found_nothing


def test_a_correction_that_adds_a_number_is_refused_like_a_publication(
    draft, staff, walk
):
    walk(draft, ItemStatus.PUBLISHED)
    with pytest.raises(ValidationError, match="手机号码"):
        services.item_correct(
            acting_user=staff.reviewer,
            item=draft,
            reason="补充联系人",
            changes={"body": f"联系人电话{MOBILE}"},
        )
    draft.refresh_from_db()
    assert MOBILE not in draft.body
