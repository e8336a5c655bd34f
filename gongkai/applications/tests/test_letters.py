"""Letters: one for each notice and each outcome, in the GB/T 9704 layout, from
templates staff can edit, with their service recorded."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.applications import services as s
from gongkai.applications.letters.templates import shipped_defaults
from gongkai.applications.models import ApplicationStatus, LetterTemplate, Outcome
from gongkai.core.events import events_for
from gongkai.testing import factories as f

from .helpers import in_status, registered

pytestmark = pytest.mark.django_db
D = date
REMEDIES = "六十日内依法申请行政复议"


def _docx(letter) -> Document:
    with letter.file.open("rb") as handle:
        return Document(BytesIO(handle.read()))


def test_the_shipped_templates_are_in_the_database_for_editing():
    keys = set(
        LetterTemplate.objects.filter(agency__isnull=True).values_list("key", flat=True)
    )
    assert keys == set(shipped_defaults())
    assert {f"reply.{o}" for o in Outcome.values} <= keys


@pytest.mark.parametrize(
    ("status", "kind", "says"),
    [
        (ApplicationStatus.RECEIVED, "acknowledgement", "即2025年3月31日前予以答复"),
        (ApplicationStatus.AWAITING_CORRECTION, "correction", "请写明文件名称"),
        (
            ApplicationStatus.CONSULTING,
            "consultation",
            "15个工作日内，即2025年3月26日前",
        ),
        (ApplicationStatus.AWAITING_PAYMENT, "fee", "应缴1700.00元"),
    ],
)
def test_each_notice_says_what_its_step_recorded(agency, head, status, kind, says):
    application = in_status(status, agency, head)
    letter = s.letter_issue(
        acting_user=head, application=application, kind=kind, issued_on=D(2025, 3, 6)
    )
    assert says in letter.body
    assert letter.title == shipped_defaults()[kind].title
    assert events_for(application).first().verb == "letter_issued"


def test_the_extension_letter_gives_the_new_due_date(agency, head):
    application = s.application_extend(
        acting_user=head,
        application=registered(agency, head),
        days=10,
        reason="需调取档案",
        approved_by=head,
        decided_on=D(2025, 3, 20),
        notified_on=D(2025, 3, 20),
    )
    letter = s.letter_issue(
        acting_user=head,
        application=application,
        kind="extension",
        issued_on=D(2025, 3, 20),
    )
    # 3/31 n20; 4/1–3 n21–23; 4/4–6 off; 4/7–11 n24–28; 4/14–15 n29–30.
    assert "答复期限延长10个工作日，本机关将于2025年4月15日前作出答复" in letter.body


def test_a_consultation_letter_goes_to_the_consulted_party(agency, head):
    application = in_status(ApplicationStatus.CONSULTING, agency, head)
    letter = s.letter_issue(
        acting_user=head,
        application=application,
        kind="consultation",
        issued_on=D(2025, 3, 5),
    )
    assert letter.recipient == "某公司"
    assert "第三十二条" in letter.body


@pytest.mark.parametrize("outcome", [o for o in Outcome if not o.startswith("other_")])
def test_a_reply_for_each_outcome_cites_its_basis_and_the_remedies(
    agency, head, outcome
):
    application = registered(agency, head)
    if outcome == Outcome.UNABLE_UNCLEAR:
        application = s.correction_request(
            acting_user=head,
            application=application,
            notified_on=D(2025, 3, 4),
            items="x",
        )
        application = s.correction_receive(
            acting_user=head, application=application, corrected_on=D(2025, 3, 6)
        )
    application = s.application_decide(
        acting_user=head,
        application=application,
        outcome=outcome,
        closed_on=D(2025, 3, 20),
    )
    letter = s.letter_issue(
        acting_user=head,
        application=application,
        kind="reply",
        issued_on=D(2025, 3, 20),
        note="（说明）",
    )
    assert letter.key == f"reply.{outcome}"
    assert letter.title == "政府信息公开申请答复书"
    assert "申请获取“2024年度部门预算”" in letter.body
    if application.legal_basis:
        assert application.legal_basis in letter.body
    assert REMEDIES in letter.body and "六个月内" in letter.body


@pytest.mark.parametrize(
    ("status", "lapse", "says"),
    [
        (
            ApplicationStatus.AWAITING_CORRECTION,
            "correction_lapse",
            "补正期限至2025年3月26日",
        ),
        (ApplicationStatus.AWAITING_PAYMENT, "fee_lapse", "缴费期限至2025年4月2日"),
    ],
)
def test_the_procedural_endings_have_their_replies(agency, head, status, lapse, says):
    application = getattr(s, lapse)(
        acting_user=head,
        application=in_status(status, agency, head),
        closed_on=D(2025, 5, 6),
    )
    letter = s.letter_issue(
        acting_user=head, application=application, kind="reply", issued_on=D(2025, 5, 6)
    )
    assert says in letter.body and "不再处理" in letter.body


def test_the_docx_follows_gb_t_9704(agency, head):
    application = s.application_decide(
        acting_user=head,
        application=registered(agency, head),
        outcome="disclosed",
        closed_on=D(2025, 3, 20),
    )
    letter = s.letter_issue(
        acting_user=head,
        application=application,
        kind="reply",
        issued_on=D(2025, 3, 20),
    )
    document = _docx(letter)
    section = document.sections[0]

    def mm(*lengths):  # stored in twips: compare to a tenth of a millimetre
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin) == (37, 35)
    assert mm(section.left_margin, section.right_margin) == (28, 26)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == letter.number
    title = document.paragraphs[2]
    assert title.text == "政府信息公开申请答复书"
    assert title.runs[0].font.size == Pt(22)
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert texts[4] == "张三："
    body = document.paragraphs[5]
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    assert texts[-2:] == [agency.name, "2025年3月20日"]
    signer, dated = document.paragraphs[-2:]
    # The date 4 characters from the right edge; 测试市民政局 (6 characters) centred
    # over 2025年3月20日 (6.5: digits are half wide), so 4.25 characters in.
    assert dated.paragraph_format.right_indent == Pt(64)
    assert signer.paragraph_format.right_indent == Pt(68)
    footer = section.footer.paragraphs[0]
    assert "PAGE" in footer._element.xml and footer.text.startswith("— ")
    assert document.settings.odd_and_even_pages_header_footer


def test_letters_are_numbered_per_agency_and_year(agency, head):
    application = registered(agency, head)
    first = s.letter_issue(
        acting_user=head,
        application=application,
        kind="acknowledgement",
        issued_on=D(2025, 3, 3),
    )
    second = s.letter_issue(
        acting_user=head,
        application=application,
        kind="acknowledgement",
        issued_on=D(2025, 3, 4),
    )
    assert (first.number, second.number) == (
        f"{agency.name}依申请公开〔2025〕1号",
        f"{agency.name}依申请公开〔2025〕2号",
    )


def test_a_letter_needs_the_step_it_reports(agency, head):
    with pytest.raises(ValidationError, match="没有可出具"):
        s.letter_issue(
            acting_user=head,
            application=registered(agency, head),
            kind="fee",
            issued_on=D(2025, 3, 3),
        )
    with pytest.raises(ValidationError, match="尚未办结"):
        s.letter_issue(
            acting_user=head,
            application=registered(agency, head),
            kind="reply",
            issued_on=D(2025, 3, 3),
        )


def test_an_agency_edits_its_own_letter(agency, head):
    s.letter_template_save(
        acting_user=head,
        key="acknowledgement",
        agency=agency,
        title="受理告知书",
        body="{{ applicant_name }}同志的申请已收到，编号{{ tracking_number }}。",
    )
    application = registered(agency, head)
    letter = s.letter_issue(
        acting_user=head,
        application=application,
        kind="acknowledgement",
        issued_on=D(2025, 3, 3),
    )
    assert letter.title == "受理告知书"
    assert letter.body == f"张三同志的申请已收到，编号{application.tracking_number}。"
    other = f.AgencyFactory()
    other_head = f.UserFactory(username="other_head", role="office_head", agency=other)
    elsewhere = registered(other, other_head)
    default = s.letter_issue(
        acting_user=other_head,
        application=elsewhere,
        kind="acknowledgement",
        issued_on=D(2025, 3, 3),
    )
    assert default.title == "政府信息公开申请受理通知书"


def test_a_broken_template_is_refused_in_chinese(agency, head):
    with pytest.raises(ValidationError, match="信函模板有语法错误"):
        s.letter_template_save(
            acting_user=head, key="fee", title="收费", body="{% if %}", agency=agency
        )


def test_service_is_recorded_with_its_proof(agency, head):
    application = registered(agency, head)
    letter = s.letter_issue(
        acting_user=head,
        application=application,
        kind="acknowledgement",
        issued_on=D(2025, 3, 3),
    )
    with pytest.raises(ValidationError, match="送达凭证"):
        s.delivery_record(
            acting_user=head,
            letter=letter,
            method="collect",
            delivered_on=D(2025, 3, 5),
            proof=" ",
        )
    with pytest.raises(ValidationError, match="不能早于出具日期"):
        s.delivery_record(
            acting_user=head,
            letter=letter,
            method="collect",
            delivered_on=D(2025, 3, 1),
            proof="申请人本人签收",
        )
    delivery = s.delivery_record(
        acting_user=head,
        letter=letter,
        method="collect",
        delivered_on=D(2025, 3, 5),
        proof="申请人本人签收",
    )
    assert delivery.recorded_by == head
    event = events_for(application).first()
    assert (event.verb, event.data["proof"]) == ("letter_delivered", "申请人本人签收")


@pytest.mark.parametrize(
    ("facts", "refusal"),
    [
        ({"posted_on": D(2025, 3, 4), "delivered_on": D(2025, 3, 6)}, "邮件号"),
        ({"tracking_number": "EA1", "delivered_on": D(2025, 3, 6)}, "交寄日期"),
        (
            {"tracking_number": "EA1", "posted_on": D(2025, 3, 1)},
            "交寄日期不能早于出具日期",
        ),
        (
            {
                "tracking_number": "EA1",
                "posted_on": D(2025, 3, 5),
                "delivered_on": D(2025, 3, 4),
            },
            "签收日期不能早于交寄日期",
        ),
        ({"tracking_number": "EA1", "posted_on": D(2025, 3, 4)}, "签收日期"),
    ],
)
def test_a_service_by_post_needs_its_number_and_both_dates(
    agency, head, facts, refusal
):
    letter = s.letter_issue(
        acting_user=head,
        application=registered(agency, head),
        kind="acknowledgement",
        issued_on=D(2025, 3, 3),
    )
    with pytest.raises(ValidationError, match=refusal):
        s.delivery_record(acting_user=head, letter=letter, method="post", **facts)


def test_a_service_by_post_is_served_when_signed_for(agency, head):
    letter = s.letter_issue(
        acting_user=head,
        application=registered(agency, head),
        kind="acknowledgement",
        issued_on=D(2025, 3, 3),
    )
    delivery = s.delivery_record(
        acting_user=head,
        letter=letter,
        method="post",
        tracking_number=" EA123456789CN ",
        posted_on=D(2025, 3, 4),
        delivered_on=D(2025, 3, 7),
    )
    assert (delivery.delivered_on, delivery.tracking_number, delivery.proof) == (
        D(2025, 3, 7),
        "EA123456789CN",
        "",  # the tracking number is the proof
    )


def test_an_electronic_service_is_served_the_day_it_arrives(agency, head, settings):
    letter = s.letter_issue(
        acting_user=head,
        application=registered(agency, head),
        kind="acknowledgement",
        issued_on=D(2025, 3, 3),
    )
    available = timezone.make_aware(datetime(2025, 3, 4, 23, 30))
    with pytest.raises(ValidationError, match="可供申请人查阅的时间"):
        s.delivery_record(acting_user=head, letter=letter, method="online")
    # A date typed beside it does not count: the arrival does (民事诉讼法第九十条).
    delivery = s.delivery_record(
        acting_user=head,
        letter=letter,
        method="online",
        available_at=available,
        delivered_on=D(2025, 3, 20),
    )
    assert delivery.delivered_on == D(2025, 3, 4)
    assert delivery.available_at == available
    settings.GONGKAI_ELECTRONIC_SERVICE_DAYS = 2  # a province that adds days
    later = s.delivery_record(
        acting_user=head, letter=letter, method="email", available_at=available
    )
    assert later.delivered_on == D(2025, 3, 6)
