"""What a letter template can say: the names filled in from the application.

Dates are written as official documents write them (2024年10月8日). A name whose
record does not exist (no fee notice yet) is simply absent: templates use
``{% if %}`` or are issued only for the step they belong to.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.workdays.arithmetic import day_text

from ..models import Application, Consultation, Extension, FeeNotice, Outcome
from ..receipt import receipt_rule

LETTER_NAMES = {
    "reply": "答复",
    "fee": "收费通知",
    "correction": "补正告知",
    "extension": "延期告知",
    "delay": "延迟答复告知",
}


def letter_name(kind: str) -> str:
    """How a letter refers to itself in the remedies paragraph (“如对本答复不服”)."""
    return LETTER_NAMES.get(kind, "告知")


def _day(value: date | None) -> str:
    return day_text(value) if value else ""


def letter_context(
    application: Application, *, kind: str, issued_on: date, note: str = ""
) -> dict[str, Any]:
    """Every name a template may use, for a letter of ``kind`` issued today."""
    context: dict[str, Any] = {
        "agency": application.agency.name,
        "recipient": application.applicant_name or "申请人",
        "applicant_name": application.applicant_name,
        "tracking_number": application.tracking_number,
        "description": application.description,
        "submitted_on": _day(application.submitted_on),
        "received_on": _day(application.received_on),
        "receipt_rule": receipt_rule(
            application.channel, signed_for=application.signed_for
        ),
        "due_on": _day(application.due_on),
        "issued_on": day_text(issued_on),
        "note": note.strip(),
        "outcome": application.outcome,
        "outcome_label": Outcome(application.outcome).label
        if application.outcome
        else "",
        "ground": application.ground,
        "legal_basis": application.legal_basis,
        "closed_on": _day(application.closed_on),
        "referred_to": application.referred_to,
    }
    context.update(_correction(application))
    context.update(_fee(application))
    context.update(_extensions(application))
    if kind == "consultation":
        context.update(_consultation(application))
    return context


def _correction(application: Application) -> dict[str, Any]:
    correction = getattr(application, "correction", None)
    if correction is None:
        return {}
    return {
        "correction_items": correction.items,
        "correction_notified_on": _day(correction.notified_on),
        "correct_by": _day(correction.correct_by),
        "corrected_on": _day(correction.corrected_on),
    }


def _fee(application: Application) -> dict[str, Any]:
    fee: FeeNotice | None = getattr(application, "fee_notice", None)
    if fee is None:
        return {}
    per_item = fee.basis == FeeNotice.Basis.PER_ITEM
    return {
        "fee_basis": fee.get_basis_display(),
        "fee_quantity_text": (
            f"本自然月累计申请{fee.quantity}件" if per_item else f"共{fee.quantity}页"
        ),
        "fee_amount": f"{fee.amount:.2f}",
        "fee_reduction": f"{fee.reduction:.2f}" if fee.reduction else "",
        "fee_reduction_reason": fee.reduction_reason,
        "fee_amount_due": f"{fee.amount_due:.2f}",
        "fee_notified_on": _day(fee.notified_on),
        "pay_by": _day(fee.pay_by),
    }


def _extensions(application: Application) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for extension in application.extensions.all():
        prefix = "extension" if extension.kind == Extension.Kind.EXTENSION else "delay"
        context[f"{prefix}_days"] = extension.days
        context[f"{prefix}_reason"] = extension.reason
    return context


def _consultation(application: Application) -> dict[str, Any]:
    consultation = application.consultations.order_by("-sent_on", "-pk").first()
    if consultation is None:
        return {}
    return {
        "recipient": consultation.party,
        "party": consultation.party,
        "consulting_agency": consultation.kind == Consultation.Kind.OTHER_AGENCY,
        "consultation_sent_on": _day(consultation.sent_on),
        "answer_due": _day(consultation.answer_due),
    }
