"""Every role against every staff page and action.

Each row is a page (GET) or an action (POST) of the workspace, on a record of
agency A (测试县甲局), with what each role gets, written by hand:

- ``login``: sent to the sign-in page (the public);
- ``shown``: the page opens;
- ``done``: the action was taken (and its effect is visible afterwards);
- ``refused``: the page answered, but nothing changed: the form offered only the
  user's own agency, or the law wants someone else (an extension is approved by the
  office head, 第三十三条第二款; a catalogue item is worked on by its own agency's
  staff, and each review step by the roles ``GONGKAI_CATALOG_REVIEW_ROLES`` names:
  an administrator manages the system, it does not sign for an agency);
- ``denied``: 403, and nothing changed.

The roles, in column order: public, staff of A, reviewer of A, office head of A,
supervisor of the county, administrator, staff of agency B.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from docx import Document

from gongkai.activities.models import Activity, Enquiry
from gongkai.activities.services import enquiry_answer, enquiry_ask
from gongkai.agencies.models import AttestedFigure
from gongkai.applications.models import Application, Letter
from gongkai.applications.services import (
    ApplicantDetails,
    application_decide,
    application_helper_add,
    application_register,
    letter_issue,
)
from gongkai.catalog.models import Item
from gongkai.catalog.services import item_attach, item_record, item_submit
from gongkai.core.models import Event
from gongkai.importer.models import ImportedReport, ImportUpload
from gongkai.reports import services
from gongkai.reports.builder import build_report
from gongkai.reports.models import Narrative, ReportVersion
from gongkai.reports.selectors import report_state
from gongkai.reports.tests.helpers import narratives_write

from .conftest import ROLES, Region

YEAR = 2021
L, S, D, R, X = "login", "shown", "done", "refused", "denied"


@dataclass
class Case:
    """A page or an action, and what each role gets (in ``ROLES`` order)."""

    id: str
    url: Callable[[Region, Any], str]
    expected: tuple[str, ...]
    method: str = "get"
    given: Callable[[Region], Any] = lambda region: None
    data: dict[str, Any] = field(default_factory=dict)
    effect: Callable[[Region, Any], bool] | None = None


def _enquiry(region: Region) -> Enquiry:
    return enquiry_ask(
        acting_user=None,
        agency=region.a,
        mailbox="enquiry",
        asker_name="张三",
        asker_contact="13800000000",
        subject="办事时间",
        question="请问周六办公吗？",
        publication_allowed=True,
    )


def _answered(region: Region) -> Enquiry:
    return enquiry_answer(
        acting_user=region.users["staff"],
        enquiry=_enquiry(region),
        answer="周六不办公。",
        answered_on=timezone.localdate(),
    )


def _report_in(state: str) -> Callable[[Region], None]:
    """A report of A on YEAR brought to ``state`` by the people allowed to."""

    def given(region: Region) -> None:
        staff, head = region.users["staff"], region.users["office_head"]
        narratives_write(region.a, YEAR, user=staff)  # no 【…】 of the draft left
        steps = {
            "submitted": [(services.report_submit, staff)],
            "signed_off": [
                (services.report_submit, staff),
                (services.report_sign_off, head),
            ],
            "published": [
                (services.report_submit, staff),
                (services.report_sign_off, head),
                (services.report_publish, staff),
            ],
        }[state]
        for step, user in steps:
            step(acting_user=user, agency=region.a, year=YEAR)

    return given


def _application(region: Region) -> Application:
    return application_register(
        acting_user=region.users["staff"],
        agency=region.a,
        received_on=date(YEAR, 3, 1),
        channel="in_person",
        applicant=ApplicantDetails(name="张三", applicant_type="natural_person"),
        description="2020年低保资金发放明细",
    )


def _transferred(region: Region) -> Any:
    """转办 (issue 14): A's application sent to B, waiting for B's 签收."""
    from gongkai.applications.models import Transfer
    from gongkai.applications.services import application_transfer

    application_transfer(
        acting_user=region.users["staff"],
        application=_application(region),
        closed_on=date(YEAR, 3, 10),
        to_agency=region.b,
    )
    return Transfer.objects.get()


def _review(region: Region) -> Any:
    """A review (issue 14) of A's disclosed application, filed, not served."""
    from gongkai.cases.services import review_file

    return review_file(
        acting_user=None,
        agency=region.a,
        filed_on=date(YEAR, 4, 1),
        application=_disclosed(region),
        number="复-0",
    )


def _lawsuit(region: Region) -> Any:
    from gongkai.cases.services import litigation_file

    return litigation_file(acting_user=None, agency=region.a, filed_on=date(YEAR, 4, 1))


def _case_document(region: Region) -> Any:
    from gongkai.cases.services import case_attach

    return case_attach(
        acting_user=None, case=_review(region), file=BytesIO(b"%PDF-1.4"), name="a.pdf"
    )


def _helped(region: Region) -> Application:
    application = _application(region)
    application_helper_add(
        acting_user=None, application=application, helper=region.users["reviewer"]
    )
    return application


def _disclosed(region: Region) -> Application:
    return application_decide(
        acting_user=None,
        application=_application(region),
        outcome="disclosed",
        closed_on=date(YEAR, 3, 10),
    )


def _with_letter(region: Region) -> Letter:
    return letter_issue(
        acting_user=region.users["staff"],
        application=_application(region),
        kind="acknowledgement",
        issued_on=date(YEAR, 3, 2),
    )


def _failed_notice(region: Region) -> Any:
    """An SMS to the applicant that failed its last try (gongkai.notices)."""
    from gongkai.notices.models import Notice, NoticeStatus

    application = application_register(
        acting_user=region.users["staff"],
        agency=region.a,
        received_on=date(YEAR, 3, 1),
        channel="in_person",
        applicant=ApplicantDetails(
            name="张三", applicant_type="natural_person", phone="13800138000"
        ),
        description="2020年低保资金发放明细",
    )
    notice = application.notices.get()
    Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.FAILED, attempts=4)
    return notice


def _online_file(region: Region) -> Any:
    """A file of an online answer to a 补正 notice (issue 13)."""
    from gongkai.applications.services import (
        correction_answer_online,
        correction_request,
    )

    application = correction_request(
        acting_user=region.users["staff"],
        application=_application(region),
        notified_on=date(YEAR, 3, 2),
        items="请写明所需信息的年份。",
    )
    return correction_answer_online(
        acting_user=None,
        application=application,
        text="2020年",
        files=[SimpleUploadedFile("补正.png", b"\x89PNG\r\n\x1a\n0000")],
        received_on=date(YEAR, 3, 5),
    )


def _receipt(region: Region) -> Any:
    """A payment receipt uploaded for a fee notice (issue 13)."""
    from gongkai.applications.services import fee_notify, payment_receipt_upload

    application = fee_notify(
        acting_user=region.users["staff"],
        application=_application(region),
        basis="per_page",
        pages=300,
        notified_on=date(YEAR, 3, 2),
    )
    return payment_receipt_upload(
        acting_user=None,
        application=application,
        file=SimpleUploadedFile("回单.png", b"\x89PNG\r\n\x1a\n0000"),
        uploaded_on=date(YEAR, 3, 5),
    )


def _latest_receipt(region: Region) -> Any:
    from gongkai.applications.models import PaymentReceipt

    return PaymentReceipt.objects.filter(
        fee_notice__application__agency=region.a
    ).latest("pk")


def _status_is(status: str) -> Callable[[Region, Any], bool]:
    return lambda region, a: Application.objects.get(pk=a.pk).status == status


def _item(region: Region) -> Item:
    return item_record(
        acting_user=region.users["staff"],
        agency=region.a,
        title="关于2021年春季防火的通告",
        formed_on=date(YEAR, 3, 1),
    )


def _submitted_item(region: Region) -> Item:
    return item_submit(acting_user=region.users["staff"], item=_item(region))


def _attached(region: Region) -> Any:
    """A draft's attachment (the draft is only its agency's staff's to see)."""
    return item_attach(
        acting_user=region.users["staff"],
        item=_item(region),
        file=_docx(),
        name="通告.docx",
    )


def _item_status_is(status: str) -> Callable[[Region, Any], bool]:
    return lambda region, item: Item.objects.get(pk=item.pk).status == status


def _docx() -> SimpleUploadedFile:
    document, out = Document(), BytesIO()
    document.add_paragraph("通告正文")
    document.save(out)
    return SimpleUploadedFile("通告.docx", out.getvalue())


def _state_is(state: str) -> Callable[[Region, Any], bool]:
    return lambda region, _: report_state(agency=region.a, year=YEAR) == state


def _report_url(name: str, *extra: str) -> Callable[[Region, Any], str]:
    return lambda region, _: reverse(
        f"workspace:{name}", args=[region.a.pk, YEAR, *extra]
    )


def _plain(name: str) -> Callable[[Region, Any], str]:
    return _named(f"workspace:{name}")


def _named(name: str) -> Callable[[Region, Any], str]:
    return lambda region, _: reverse(name)


def _uploaded_by_the_supervisor(region: Region) -> str:
    """One file of an upload the supervisor made: only they (and an
    administrator) follow its progress."""
    batch = uuid.uuid4()
    ImportUpload.objects.create(
        batch=batch, name="报告.pdf", uploaded_by=region.users["supervisor"]
    )
    return str(batch)


def _imported(region: Region) -> ImportedReport:
    """A report of 乙局 as if imported from its published file."""
    data = build_report(agency=region.b, year=YEAR).to_dict()
    return ImportedReport.objects.create(
        agency_name=region.b.name,
        agency=region.b,
        region=region.county.name,
        year=YEAR,
        format=data["format"],
        data=data,
        file_name="乙局2021年报.html",
        file_kind="html",
        file_sha256="0" * 64,
        imported_by=region.users["supervisor"],
    )


# 督办 (gongkai.directives): on an overdue application of A, issued by the system
def _overdue_of_a(region: Region) -> Application:
    from gongkai.testing import factories

    today = timezone.localdate()
    return factories.ApplicationFactory(
        agency=region.a,
        received_on=today - timedelta(days=60),
        due_on=today - timedelta(days=30),
    )


def _directive(region: Region):
    from gongkai.directives.services import directive_issue

    return directive_issue(
        acting_user=None,
        agency=region.a,
        kind="application",
        target=_overdue_of_a(region),
        text="请答复。",
        respond_by=timezone.localdate() + timedelta(days=7),
    )


def _directive_answered(region: Region):
    from gongkai.directives.services import directive_answer

    directive = _directive(region)
    pdf = SimpleUploadedFile("答复.pdf", b"%PDF-1.4 x", "application/pdf")
    directive_answer(
        acting_user=None, directive=directive, text="已答复。", files=[pdf]
    )
    return directive


CASES = [
    Case("dashboard", _plain("dashboard"), (L, S, S, S, S, S, S)),
    Case("reports", _plain("reports"), (L, S, S, S, S, S, S)),
    Case("report", _report_url("report"), (L, S, S, S, S, S, X)),
    Case(
        "report_cell",
        lambda region, _: _report_url("report_cell")(region, _) + "?cell=0",
        (L, S, S, S, S, S, X),
    ),
    Case(
        "report_download", _report_url("report_download", "txt"), (L, S, S, S, S, S, X)
    ),
    Case("report_narrative", _report_url("report_narrative"), (L, S, S, S, X, S, X)),
    Case(
        "report_narrative (save)",
        _report_url("report_narrative"),
        (L, D, D, D, X, D, X),
        method="post",
        data={"overview": "本年度我局认真贯彻落实《条例》。"},
        effect=lambda region, _: Narrative.objects.filter(
            agency=region.a, year=YEAR, key="overview"
        ).exists(),
    ),
    Case(
        "report_step submit",
        _report_url("report_step", "submit"),
        (L, D, D, D, X, D, X),
        method="post",
        effect=_state_is("submitted"),
    ),
    Case(
        "report_step return",
        _report_url("report_step", "return"),
        (L, X, X, D, X, D, X),
        method="post",
        given=_report_in("submitted"),
        data={"reason": "请补充培训情况。"},
        effect=_state_is("returned"),
    ),
    Case(
        "report_step sign_off",
        _report_url("report_step", "sign_off"),
        (L, X, X, D, X, D, X),
        method="post",
        given=_report_in("submitted"),
        effect=_state_is("signed_off"),
    ),
    Case(
        "report_step publish",
        _report_url("report_step", "publish"),
        (L, D, D, D, X, D, X),
        method="post",
        given=_report_in("signed_off"),
        effect=_state_is("published"),
    ),
    Case(
        "report_step correct",
        _report_url("report_step", "correct"),
        (L, X, X, D, X, D, X),
        method="post",
        given=_report_in("published"),
        data={"reason": "更正表三的一处笔误。"},
        effect=lambda region, _: ReportVersion.objects.filter(
            agency=region.a, year=YEAR, number=2
        ).exists(),
    ),
    Case("enquiries", _plain("enquiries"), (L, S, S, S, X, S, S)),
    Case(
        "enquiry",
        lambda region, e: reverse("workspace:enquiry", args=[e.pk]),
        (L, S, S, S, X, S, X),
        given=_enquiry,
    ),
    Case(
        "enquiry (answer)",
        lambda region, e: reverse("workspace:enquiry", args=[e.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_enquiry,
        data=lambda region: {
            "answer": "周六不办公。",
            "answered_on": timezone.localdate().isoformat(),
        },
        effect=lambda region, e: Enquiry.objects.get(pk=e.pk).is_answered,
    ),
    Case(
        "enquiry_publish",
        lambda region, e: reverse("workspace:enquiry_publish", args=[e.pk]),
        (L, X, X, D, X, D, X),
        method="post",
        given=_answered,
        data={"publish": "1"},
        effect=lambda region, e: Enquiry.objects.get(pk=e.pk).is_published,
    ),
    Case("activities", _plain("activities"), (L, S, S, S, X, S, S)),
    Case(
        "activities (record)",
        _plain("activities"),
        (L, D, D, D, X, D, R),
        method="post",
        data=lambda region: {
            "agency": region.a.pk,
            "kind": "press_conference",
            "held_on": "2021-06-01",
            "title": "新闻发布会",
            "participants": 0,
            "feedback_count": 0,
            "opinions_received": 0,
            "opinions_not_adopted": 0,
        },
        effect=lambda region, _: Activity.objects.filter(agency=region.a).exists(),
    ),
    Case("attested", _plain("attested"), (L, X, X, S, X, S, X)),
    Case(
        "attested (enter)",
        _plain("attested"),
        (L, X, X, D, X, D, X),
        method="post",
        data=lambda region: {
            "agency": region.a.pk,
            "year": YEAR,
            "key": "licensing.decisions",
            "value": "12",
            "source_document": "行政审批系统2021年统计表",
        },
        effect=lambda region, _: AttestedFigure.objects.filter(
            agency=region.a
        ).exists(),
    ),
    # issue 14: the register, working together, the offer to the catalogue
    Case(
        "application_register_print",
        _plain("application_register_print"),
        (L, S, S, S, S, S, S),
    ),
    Case(
        "application_register_xlsx",
        _plain("application_register_xlsx"),
        (L, S, S, S, S, S, S),
    ),
    Case(
        "application_helper_add",
        lambda region, a: reverse("workspace:application_helper_add", args=[a.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_application,
        data=lambda region: {"helper-helper": region.users["reviewer"].pk},
        effect=lambda region, a: a.helpers.exists(),
    ),
    Case(
        "application_helper_remove",
        lambda region, a: reverse(
            "workspace:application_helper_remove",
            args=[a.pk, region.users["reviewer"].pk],
        ),
        (L, D, D, D, X, D, X),
        method="post",
        given=_helped,
        effect=lambda region, a: not a.helpers.exists(),
    ),
    Case(
        "application_note_add",
        lambda region, a: reverse("workspace:application_note_add", args=[a.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_application,
        data={"note-text": "请先核实档案室是否保存。"},
        effect=lambda region, a: a.internal_notes.exists(),
    ),
    Case(
        "application_handler_change",
        lambda region, a: reverse("workspace:application_handler_change", args=[a.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_application,
        data=lambda region: {
            "handler-handler": region.users["reviewer"].pk,
            "handler-reason": "原承办人休假",
        },
        effect=lambda region, a: (
            Application.objects.get(pk=a.pk).handler == region.users["reviewer"]
        ),
    ),
    Case(
        "application_offer",
        lambda region, a: reverse("workspace:application_offer", args=[a.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_disclosed,
        data={"offer-title": "2020年低保资金发放明细"},
        effect=lambda region, a: (
            Application.objects.get(pk=a.pk).catalogue_item_id is not None
        ),
    ),
    # issue 14: transfers between agencies (转办): B signs for A's application
    Case("transfers", _plain("transfers"), (L, S, S, S, S, S, S)),
    Case(
        "transfer",
        lambda region, t: reverse("workspace:transfer", args=[t.pk]),
        (L, S, S, S, S, S, S),
        given=_transferred,
    ),
    Case(
        "transfer_step",
        lambda region, t: reverse("workspace:transfer_step", args=[t.pk, "accept"]),
        (L, X, X, X, X, D, D),
        method="post",
        given=_transferred,
        data={"accept-accepted_on": f"{YEAR}-03-12"},
        effect=lambda region, t: type(t).objects.get(pk=t.pk).state == "accepted",
    ),
    # issue 14: review and litigation (行政复议、行政诉讼) of A's application
    Case("cases", _plain("cases"), (L, S, S, S, S, S, S)),
    Case("cases_export", _plain("cases_export"), (L, S, S, S, S, S, S)),
    Case(
        "case",
        lambda region, c: reverse("workspace:case", args=["review", c.pk]),
        (L, S, S, S, S, S, X),
        given=_review,
    ),
    Case(
        "case_review",
        lambda region, c: reverse("workspace:case_review", args=[c.pk]),
        (L, S, S, S, S, S, X),
        given=_review,
    ),
    Case(
        "case_litigation",
        lambda region, c: reverse("workspace:case_litigation", args=[c.pk]),
        (L, S, S, S, S, S, X),
        given=_lawsuit,
    ),
    Case(
        "case_new",
        lambda region, a: reverse("workspace:case_new", args=[a.pk]),
        (L, S, S, S, X, S, X),
        given=_disclosed,
    ),
    Case(
        "case_new (register)",
        lambda region, a: reverse("workspace:case_new", args=[a.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_disclosed,
        data={"number": "复-1", "filed_on": f"{YEAR}-04-01"},
        effect=lambda region, a: a.administrativereview_set.exists(),
    ),
    Case(
        "case_step",
        lambda region, c: reverse(
            "workspace:case_step", args=["review", c.pk, "serve"]
        ),
        (L, D, D, D, X, D, X),
        method="post",
        given=_review,
        data={"serve-served_on": f"{YEAR}-04-02"},
        effect=lambda region, c: type(c).objects.get(pk=c.pk).served_on is not None,
    ),
    Case(
        "case_document",
        lambda region, d: reverse(
            "workspace:case_document", args=["review", d.review_id, d.pk]
        ),
        (L, S, S, S, S, S, X),
        given=_case_document,
    ),
    Case("applications", _plain("applications"), (L, S, S, S, S, S, S)),
    Case("application_new", _plain("application_new"), (L, S, S, S, X, S, S)),
    Case(
        "application_new (register)",
        _plain("application_new"),
        (L, D, D, D, X, D, R),
        method="post",
        data=lambda region: {
            "agency": region.a.pk,
            "channel": "in_person",
            "received_on": f"{YEAR}-04-01",
            "applicant_type": "natural_person",
            "name": "李四",
            "id_kind": "resident_id",
            "id_number": "110101199001011237",
            "phone": "13800000000",
            "description": "某小区规划许可证",
            "requested_form": "paper",
            "delivery_method": "post",
        },
        effect=lambda region, _: Application.objects.filter(
            agency=region.a, applicant_name="李四"
        ).exists(),
    ),
    Case(
        "application",
        lambda region, a: reverse("workspace:application", args=[a.pk]),
        (L, S, S, S, S, S, X),
        given=_application,
    ),
    Case(
        "application_letter",
        lambda region, letter: reverse(
            "workspace:application_letter",
            args=[letter.application_id, letter.pk],
        ),
        (L, S, S, S, S, S, X),
        given=_with_letter,
    ),
    Case(
        "application_letter_delivery",
        lambda region, letter: reverse(
            "workspace:application_letter_delivery",
            args=[letter.application_id, letter.pk],
        ),
        (L, D, D, D, X, D, X),
        method="post",
        data=lambda region: {
            "delivery-method": "collect",
            "delivery-delivered_on": f"{YEAR}-04-10",
            "delivery-proof": "申请人本人签收",
        },
        given=_with_letter,
        effect=lambda region, letter: letter.deliveries.exists(),
    ),
    # what the applicant sent on the tracking page, letters as PDF (issue 13)
    Case(
        "application_letter_pdf",
        lambda region, letter: reverse(
            "workspace:application_letter_pdf",
            args=[letter.application_id, letter.pk],
        ),
        (L, S, S, S, S, S, X),
        given=_with_letter,
    ),
    Case(
        "application_correction_file",
        lambda region, answer: reverse(
            "workspace:application_correction_file",
            args=[answer.correction.application_id, answer.files.get().pk],
        ),
        (L, S, S, S, S, S, X),
        given=_online_file,
    ),
    Case(
        "application_correction_seen",
        lambda region, answer: reverse(
            "workspace:application_correction_seen",
            args=[answer.correction.application_id],
        ),
        (L, D, D, D, X, D, X),
        method="post",
        given=_online_file,
        effect=lambda region, answer: (
            type(answer).objects.filter(pk=answer.pk, seen_at__isnull=False).exists()
        ),
    ),
    Case(
        "application_receipt_file",
        lambda region, r: reverse(
            "workspace:application_receipt_file",
            args=[r.fee_notice.application_id, r.pk],
        ),
        (L, S, S, S, S, S, X),
        given=_receipt,
    ),
    Case(
        "application_receipt_confirm",
        lambda region, r: reverse(
            "workspace:application_receipt_confirm",
            args=[r.fee_notice.application_id, r.pk],
        ),
        (L, D, D, D, X, D, X),
        method="post",
        given=_receipt,
        data=lambda region: {
            f"receipt-{_latest_receipt(region).pk}-paid_on": f"{YEAR}-03-05"
        },
        effect=lambda region, r: (
            type(r).objects.filter(pk=r.pk, confirmed_at__isnull=False).exists()
        ),
    ),
    # a failed notice to the applicant (gongkai.notices)
    Case(
        "application_notice_resend",
        lambda region, n: reverse(
            "workspace:application_notice_resend", args=[n.application_id, n.pk]
        ),
        (L, D, D, D, X, D, X),
        method="post",
        given=_failed_notice,
        effect=lambda region, n: (
            type(n).objects.filter(pk=n.pk).exclude(status="failed").exists()
        ),
    ),
    Case(
        "application_notice_dismiss",
        lambda region, n: reverse(
            "workspace:application_notice_dismiss", args=[n.application_id, n.pk]
        ),
        (L, D, D, D, X, D, X),
        method="post",
        given=_failed_notice,
        data={"reason": "已电话告知"},
        effect=lambda region, n: (
            type(n).objects.filter(pk=n.pk, status="cancelled").exists()
        ),
    ),
    Case(
        "application_applicant_id",
        lambda region, a: reverse("workspace:application_applicant_id", args=[a.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_application,
        effect=lambda region, a: Event.objects.filter(
            verb="applicant_id_number_read", object_id=str(a.pk)
        ).exists(),
    ),
    Case(
        "application_applicant_link",
        lambda region, a: reverse("workspace:application_applicant_link", args=[a.pk]),
        (L, D, D, D, X, D, X),
        method="post",
        given=_application,
        effect=lambda region, a: Event.objects.filter(
            verb="applicant_linked", object_id=str(a.pk)
        ).exists(),
    ),
    Case(
        "application_step request_correction",
        lambda region, a: reverse(
            "workspace:application_step", args=[a.pk, "request_correction"]
        ),
        (L, D, D, D, X, D, X),
        method="post",
        given=_application,
        data={
            "request_correction-notified_on": f"{YEAR}-03-03",
            "request_correction-items": "请写明所需信息的年份和区域。",
        },
        effect=_status_is("awaiting_correction"),
    ),
    Case(
        "application_step extend",
        lambda region, a: reverse("workspace:application_step", args=[a.pk, "extend"]),
        (L, X, X, D, X, R, X),
        method="post",
        given=_application,
        data={
            "extend-days": "20",
            "extend-reason": "需要调取档案",
            "extend-decided_on": f"{YEAR}-03-20",
            "extend-notified_on": f"{YEAR}-03-20",
        },
        effect=lambda region, a: (
            Application.objects.get(pk=a.pk).extended or a.extensions.exists()
        ),
    ),
    Case("items", _plain("items"), (L, S, S, S, S, S, S)),
    Case("item_new", _plain("item_new"), (L, S, S, S, X, S, S)),
    Case(
        "item_new (record)",
        _plain("item_new"),
        (L, D, D, D, X, D, R),
        method="post",
        data=lambda region: {
            "agency": region.a.pk,
            "title": "2021年部门预算公开",
            "formed_on": f"{YEAR}-02-01",
            "disclosure": "proactive",
        },
        effect=lambda region, _: Item.objects.filter(
            agency=region.a, title="2021年部门预算公开"
        ).exists(),
    ),
    Case(
        "item",
        lambda region, item: reverse("workspace:item", args=[item.pk]),
        (L, S, S, S, S, S, X),
        given=_item,
    ),
    Case(
        "item_edit",
        lambda region, item: reverse("workspace:item_edit", args=[item.pk]),
        (L, S, S, S, X, S, X),
        given=_item,
    ),
    Case(
        "item_attachment",
        lambda region, attachment: reverse(
            "workspace:item_attachment", args=[attachment.item_id, attachment.pk]
        ),
        (L, S, S, S, S, S, X),
        given=_attached,
    ),
    Case(
        "item_attach",
        lambda region, item: reverse("workspace:item_attach", args=[item.pk]),
        (L, D, D, D, X, R, X),
        method="post",
        given=_item,
        data=lambda region: {"file": _docx()},
        effect=lambda region, item: item.attachments.exists(),
    ),
    Case(
        "item_step submit",
        lambda region, item: reverse("workspace:item_step", args=[item.pk, "submit"]),
        (L, D, D, D, X, R, X),
        method="post",
        given=_item,
        effect=_item_status_is("secrecy_review"),
    ),
    Case(
        "item_step clear_secrecy",
        lambda region, item: reverse(
            "workspace:item_step", args=[item.pk, "clear_secrecy"]
        ),
        (L, R, D, D, X, R, X),
        method="post",
        given=_submitted_item,
        data={"clear_secrecy-opinion": "不涉密"},
        effect=_item_status_is("first_review"),
    ),
    Case("importer:upload", _named("importer:upload"), (L, S, S, S, S, S, S)),
    Case(
        "importer:upload (import)",
        _named("importer:upload"),
        (L, X, X, X, R, R, X),
        method="post",
        effect=lambda region, _: ImportedReport.objects.exists(),
    ),
    Case(
        "importer:batch_state",
        lambda region, batch: reverse("importer:batch_state", args=[batch]),
        (L, X, X, X, S, S, X),
        given=_uploaded_by_the_supervisor,
    ),
    Case(
        "importer:detail",
        lambda region, imported: reverse("importer:detail", args=[imported.pk]),
        (L, S, S, S, S, S, S),
        given=_imported,
    ),
    Case(
        "importer:download",
        lambda region, imported: reverse(
            "importer:download", args=[imported.pk, "json"]
        ),
        (L, S, S, S, S, S, S),
        given=_imported,
    ),
    Case(
        "importer:region",
        lambda region, imported: (
            reverse("importer:region") + f"?region={imported.region}"
        ),
        (L, S, S, S, S, S, S),
        given=_imported,
    ),
    Case(
        "importer:agency",
        lambda region, imported: (
            reverse("importer:agency") + f"?name={imported.agency_name}"
        ),
        (L, S, S, S, S, S, S),
        given=_imported,
    ),
    # 督办 (gongkai.directives)
    Case("directives", _plain("directives"), (L, S, S, S, S, S, S)),
    Case(
        "directive_new",
        lambda region, a: (
            reverse("workspace:directive_new") + f"?kind=application&target={a.pk}"
        ),
        (L, X, X, X, S, S, X),
        given=_overdue_of_a,
    ),
    Case(
        "directive_new (issue)",
        lambda region, a: (
            reverse("workspace:directive_new") + f"?kind=application&target={a.pk}"
        ),
        (L, X, X, X, D, D, X),
        method="post",
        given=_overdue_of_a,
        data=lambda region: {
            "text": "请答复。",
            "respond_by": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
        effect=lambda region, a: a.directives.exists(),
    ),
    Case(
        "directive",
        lambda region, d: reverse("workspace:directive", args=[d.pk]),
        (L, S, S, S, S, S, X),
        given=_directive,
    ),
    Case(
        "directive_answer",
        lambda region, d: reverse("workspace:directive_answer", args=[d.pk]),
        (L, D, D, D, X, X, X),
        method="post",
        given=_directive,
        data={"text": "已答复申请人。"},
        effect=lambda region, d: d.responses.exists(),
    ),
    Case(
        "directive_file",
        lambda region, d: reverse(
            "workspace:directive_file",
            args=[d.pk, d.responses.get().files.get().pk],
        ),
        (L, S, S, S, S, S, X),
        given=_directive_answered,
    ),
    Case(
        "directive_step",
        lambda region, d: reverse("workspace:directive_step", args=[d.pk, "close"]),
        (L, X, X, X, D, D, X),
        method="post",
        given=_directive,
        effect=lambda region, d: (
            type(d).objects.filter(pk=d.pk, state="closed").exists()
        ),
    ),
    Case("supervision", _plain("supervision"), (L, X, X, X, S, S, X)),
    Case("circular", _plain("circular"), (L, X, X, X, S, S, X)),
    Case("tasks", _plain("tasks"), (L, X, X, X, X, S, X)),
    Case(
        "audit",
        lambda region, e: reverse("workspace:audit", args=["activities.enquiry", e.pk]),
        (L, S, S, S, S, S, X),
        given=_enquiry,
    ),
]


def _outcome(response, case: Case, changed: bool | None) -> str:
    if response.status_code == 403:
        return X
    if response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    ):
        return L
    assert response.status_code in (200, 302), response.status_code
    if case.method == "get":
        return S
    return D if changed else R


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_its_permissions_allow(region, client_as, case, role):
    given = case.given(region)
    url = case.url(region, given)
    client = client_as(region.users[role])
    data = case.data(region) if callable(case.data) else case.data
    response = getattr(client, case.method)(url, data)
    changed = case.effect(region, given) if case.effect else None
    outcome = _outcome(response, case, changed)
    assert outcome == case.expected[ROLES.index(role)]
    if outcome in (X, L, R) and case.effect:
        assert not changed, "a refused action must change nothing"


STAFF_NAMESPACES = ("workspace", "importer")


def _staff_page_names() -> set[str]:
    return {
        f"{resolver.namespace}:{pattern.name}"
        for resolver in get_resolver().url_patterns
        if getattr(resolver, "namespace", None) in STAFF_NAMESPACES
        for pattern in resolver.url_patterns
    }


def _qualified(case: Case) -> str:
    name = case.id.split(" ")[0]
    return name if ":" in name else f"workspace:{name}"


def test_every_staff_page_is_in_the_table():
    """A new page or action without a row here fails this test."""
    assert _staff_page_names() - {_qualified(case) for case in CASES} == set()


def test_a_report_is_published_only_once_signed_off(region):
    """Publishing straight from the draft is refused: the office head signs off
    first."""
    with pytest.raises(ValidationError) as refused:
        services.report_publish(
            acting_user=region.users["office_head"], agency=region.a, year=YEAR
        )
    assert refused.value.code == "not_signed_off"
    assert not ReportVersion.objects.exists()
