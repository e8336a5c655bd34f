"""What the demo's catalogue says, not only what it is called: the one category
scheme taken up, body text and a summary for every item, the validity of each
规范性文件 (some 失效 or 废止), 解读 in words, graphics and video, and a few PDF
attachments (issue 15).

The ledgers are written in bulk with titles and dates only; this fills in what the
portal shows. Nothing here changes a figure of a published report: the texts,
validity labels and interpretation forms are counted nowhere, attachments are not
counted, and the only dates written (a 失效 date for a synthetic office that has
none) fall in the current year, whose report is not yet published. Idempotent:
an item with a body, a document with a validity, an interpretation with a body and
an item with an attachment are left alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.catalog.extract import extract
from gongkai.catalog.models import (
    Attachment,
    DocumentKind,
    Interpretation,
    InterpretationForm,
    Item,
    ItemStatus,
    Validity,
)
from gongkai.catalog.services import categories_adopt

from .region import QINGXI_GOVERNMENT

BATCH = 500
ATTACHMENTS_PER_AGENCY = 2
VIDEO_HOST = "https://video.example.com/jiedu"  # reserved domain: no real video


def catalog_content_ensure(agencies: dict[str, Agency]) -> int:
    """Fill in the demo catalogue; returns how many records it changed."""
    changed = 0
    for agency in agencies.values():
        with transaction.atomic():
            changed += len(categories_adopt(acting_user=None, agency=agency))
            changed += _texts_fill(agency)
            changed += _validity_fill(agency, synthetic=_synthetic(agencies, agency))
            changed += _interpretations_fill(agency)
            changed += _attachments_add(agency)
    return changed


def _synthetic(agencies: dict[str, Agency], agency: Agency) -> bool:
    keys = [k for k, a in agencies.items() if a.pk == agency.pk]
    return any(k == QINGXI_GOVERNMENT or k.startswith("qingxi-") for k in keys)


# -- body text and summaries ---------------------------------------------------------


def _texts_fill(agency: Agency) -> int:
    published = (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN)  # drafts are staff's
    items = Item.objects.filter(agency=agency, body="", status__in=published).only(
        "title",
        "category",
        "article20_item",
        "document_kind",
        "document_number",
        "formed_on",
        "published_on",
        "summary",
        "agency_id",
    )
    changed, batch = 0, []
    for item in items.iterator(chunk_size=BATCH):
        item.body = body_text(item, agency.name)
        item.summary = item.summary or summary_text(item, agency.name)
        batch.append(item)
        if len(batch) == BATCH:
            changed += _save_texts(batch)
    return changed + _save_texts(batch)


def _save_texts(batch: list[Item]) -> int:
    Item.objects.bulk_update(batch, ["body", "summary"])
    count = len(batch)
    batch.clear()
    return count


def _day(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def _topic(title: str) -> str:
    """The title without its issue number (（2019年第3期）) or 文号."""
    return title.split("（", 1)[0].strip() or title


def summary_text(item: Item, agency_name: str) -> str:
    """One sentence a list can show under the title."""
    topic = _topic(item.title)
    if item.document_kind:
        number = f"（{item.document_number}）" if item.document_number else ""
        return (
            f"{agency_name}印发的{topic}{number}全文，含制定依据、适用范围和施行日期。"
        )
    if item.category == "工作动态":
        return f"{agency_name}近期工作情况：{topic}。"
    return (
        f"{agency_name}按照主动公开基本目录“{item.category or '其他'}”类公开{topic}。"
    )


def body_text(item: Item, agency_name: str) -> str:
    """A few paragraphs in the register of the kind of information it is."""
    topic, day = _topic(item.title), _day(item.formed_on)
    if item.document_kind:
        return _document_body(item, agency_name, topic, day)
    writer = BODIES.get(item.category) or BODIES_BY_ARTICLE.get(
        item.article20_item or 0, _general_body
    )
    return writer(agency_name, topic, day)


def _document_body(item: Item, agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            "各有关单位：",
            f"为进一步规范相关工作，根据有关法律、法规和上级文件规定，结合本地实际，"
            f"{agency_name}制定了本文件，现予印发，请认真贯彻执行。",
            "第一条 本办法适用于本行政区域内相关事项的管理和监督。",
            "第二条 有关单位应当明确责任分工，建立工作台账，按照规定时限办理，"
            "并主动接受社会监督。",
            "第三条 本办法由制定机关负责解释，自印发之日起施行。",
            f"{agency_name}\n{day}",
        )
    )


def _news_body(agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            f"{day}，{agency_name}{topic}。",
            "会上（活动中），有关负责同志通报了前一阶段工作情况，分析了存在的问题，"
            "并对下一步工作作出部署，要求各相关单位压实责任、细化措施，确保各项任务"
            "按期完成。",
            "下一步，将持续跟踪工作进展，及时向社会公开有关情况。",
        )
    )


def _finance_body(agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            f"根据《中华人民共和国预算法》和财政部门的统一部署，现将{topic}公开如下。",
            "一、部门职责及机构设置情况；二、收支总体情况；三、一般公共预算拨款支出"
            "情况；四、政府性基金预算支出情况；五、“三公”经费支出情况；六、政府采购"
            "情况；七、国有资产占用情况；八、名词解释。",
            "详细数据见附表。对公开内容有疑问的，可在工作日向本机关办公室咨询。",
        )
    )


def _service_body(agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            f"事项名称：{topic}",
            "设定依据：相关法律、行政法规及地方性法规。",
            "申请条件：符合法律、法规规定条件的公民、法人或者其他组织。",
            "申请材料：申请书；申请人身份证明；法律、法规规定的其他材料。",
            "办理流程：申请—受理—审查—决定—送达。",
            "办理时限：自受理之日起20个工作日内作出决定（法定时限），承诺时限以"
            "政务服务网公布为准。",
            "收费标准：不收费。",
            f"咨询方式：{agency_name}政务服务窗口（工作日上午9:00—12:00，下午"
            "14:00—17:30）。",
        )
    )


def _enforcement_body(agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            f"{agency_name}依法公开{topic}。",
            "公开内容包括：行政处罚决定书文号、违法行为类型、违法事实、处罚依据、"
            "处罚内容、处罚机关和处罚日期。自然人的姓名、身份证号码等个人信息已按规定"
            "作去标识化处理。",
            "当事人对处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。",
        )
    )


def _emergency_body(agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            f"{day}，{agency_name}发布{topic}。",
            "请广大群众密切关注天气和预警信息，注意防范可能发生的次生灾害；各乡镇"
            "（街道）和有关部门要落实值班值守制度，做好应急抢险救援准备。",
            "如遇险情，请立即拨打119、110或120求助。",
        )
    )


def _personnel_body(agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            f"根据工作需要，经研究决定，{agency_name}{topic}。现将有关事项公告如下。",
            "一、招聘岗位及人数；二、报考条件；三、报名时间和方式；四、考试和考察；"
            "五、体检和公示；六、聘用。",
            "报名期间，咨询电话见本机关政府信息公开指南。",
        )
    )


def _general_body(agency_name: str, topic: str, day: str) -> str:
    return "\n\n".join(
        (
            f"根据《中华人民共和国政府信息公开条例》的规定，{agency_name}现将"
            f"{topic}予以公开。",
            "本信息由本机关负责解释。公民、法人或者其他组织对公开内容有疑问的，可以"
            "通过政府信息公开指南载明的方式与本机关联系。",
        )
    )


BODIES = {
    "工作动态": _news_body,
    "财政信息": _finance_body,
    "行政许可": _service_body,
    "行政处罚": _enforcement_body,
    "行政强制": _enforcement_body,
    "人事信息": _personnel_body,
}
BODIES_BY_ARTICLE = {5: _service_body, 6: _enforcement_body, 12: _emergency_body}


# -- validity of 规范性文件 -----------------------------------------------------------


def _validity_fill(agency: Agency, *, synthetic: bool) -> int:
    """有效 for a document in force; 废止 or (every other one) 失效 for one with an
    end date. A synthetic office with no document ended gets its oldest one 失效
    this year, so that every filter of its library has something to show."""
    documents = Item.objects.filter(
        agency=agency,
        document_kind__in=(DocumentKind.RULE, DocumentKind.NORMATIVE),
        validity="",
    ).order_by("formed_on", "pk")
    found = list(documents)
    if not found:
        return 0
    if synthetic and not any(d.repealed_on for d in found):
        oldest = found[0]
        oldest.repealed_on = max(date(date.today().year, 1, 5), oldest.formed_on)
        oldest.validity = Validity.EXPIRED
    ended = 0
    for document in found:
        if document.validity:
            continue
        if document.repealed_on:
            ended += 1
            document.validity = Validity.EXPIRED if ended % 2 else Validity.REPEALED
        else:
            document.validity = Validity.VALID
    Item.objects.bulk_update(found, ["validity", "repealed_on"])
    return len(found)


# -- interpretations ----------------------------------------------------------------


def _interpretations_fill(agency: Agency) -> int:
    found = list(
        Interpretation.objects.filter(agency=agency, body="")
        .select_related("item")
        .order_by("published_on", "pk")
    )
    for position, interpretation in enumerate(found):
        document = interpretation.item
        title = document.title if document else interpretation.title
        interpretation.body = interpretation_text(title, agency.name)
        if "一图读懂" in interpretation.title or position % 5 == 1:
            interpretation.form = InterpretationForm.GRAPHIC
            interpretation.graphic.save(
                "解读图.svg",
                ContentFile(graphic_svg(interpretation.title).encode()),
                save=False,
            )
        elif position % 5 == 3:
            interpretation.form = InterpretationForm.VIDEO
            interpretation.video_url = f"{VIDEO_HOST}/{agency.pk}-{position + 1}"
        interpretation.save(update_fields=["body", "form", "graphic", "video_url"])
    return len(found)


def interpretation_text(title: str, agency_name: str) -> str:
    topic = _topic(title).removeprefix("政策解读：")
    return "\n\n".join(
        (
            f"一、出台背景\n为便于公众准确理解和执行{topic}，{agency_name}"
            "就其出台背景、主要内容和施行时间解读如下。",
            "二、主要内容\n文件明确了适用范围、工作职责、办理程序和监督措施，"
            "对群众关心的办理时限、申请材料作出了具体规定。",
            "三、关键词解读\n“一次告知”：申请材料不全的，一次性告知需要补正的全部"
            "内容；“限时办结”：在规定时限内作出决定。",
            "四、施行时间\n文件自印发之日起施行，原有规定与本文件不一致的，以本文件为准。",
        )
    )


def graphic_svg(title: str) -> str:
    """A small 图解: the title and three boxes of the points, as SVG (shown with
    <img>, so nothing in it runs)."""
    from django.utils.html import escape

    points = ("出台背景", "主要内容", "施行时间")
    boxes = "".join(
        f'<rect x="{20 + i * 200}" y="90" width="180" height="90" rx="10" '
        f'fill="#e8f0fb" stroke="#1d4f91"/>'
        f'<text x="{110 + i * 200}" y="142" font-size="22" text-anchor="middle" '
        f'fill="#1d4f91">{p}</text>'
        for i, p in enumerate(points)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 620 210" '
        f'role="img" aria-label="{escape(title)}">'
        '<rect width="620" height="210" fill="#ffffff"/>'
        f'<text x="310" y="50" font-size="24" text-anchor="middle" '
        f'fill="#222">{escape(title[:24])}</text>{boxes}</svg>'
    )


# -- attachments ----------------------------------------------------------------------


def _attachments_add(agency: Agency) -> int:
    """A PDF of the text of an agency's latest documents (or latest items), as the
    published files that accompany them."""
    have = Attachment.objects.filter(item__agency=agency).exists()
    if have:
        return 0
    published = Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED)
    chosen = list(
        published.exclude(document_kind="").order_by("-formed_on", "-pk")[
            :ATTACHMENTS_PER_AGENCY
        ]
    ) or list(published.order_by("-published_on", "-pk")[:ATTACHMENTS_PER_AGENCY])
    for item in chosen:
        _attach_pdf(item)
    return len(chosen)


def _attach_pdf(item: Item) -> Attachment:
    import hashlib

    data = item_pdf(item)
    name = f"{_topic(item.title)[:60]}.pdf"
    extraction = extract(io.BytesIO(data), name)
    attachment = Attachment(
        item=item,
        name=name,
        kind=extraction.kind,
        size=len(data),
        digest=hashlib.sha256(data).hexdigest(),
        segments=[{"where": s.where, "text": s.text} for s in extraction.segments],
        scannable=extraction.scannable,
        problem=extraction.problem,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment


def item_pdf(item: Item) -> bytes:
    """The item's text as a small one-page PDF. PyMuPDF writes it with its
    built-in CJK font (not embedded: a few kilobytes, made in milliseconds); the
    text can be read back for the privacy scan and search."""
    import pymupdf

    document = pymupdf.open()
    page = document.new_page(width=595, height=842)  # A4 in points
    head = "\n".join(filter(None, (item.title, item.document_number)))
    text = "\n\n".join((head, *_paragraphs((item.body or item.title,))))
    page.insert_textbox(
        pymupdf.Rect(70, 80, 525, 780), text, fontname="china-s", fontsize=12
    )
    data: bytes = document.tobytes(garbage=3, deflate=True)
    return data


def _paragraphs(texts: Iterable[str]) -> list[str]:
    return [p for text in texts for p in text.split("\n\n") if p.strip()]
