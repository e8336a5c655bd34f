"""Intake: applicants, applications from every channel, their receipt date
(第三十一条), on-the-spot replies (第三十三条第一款) and assignment to a handler."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.events import event_record

from ..models import Applicant, Application, ApplicationStatus, Outcome, ground_allowed
from ..receipt import needs_confirmation, receipt_rule
from ..workflow import Action, Intake
from ._steps import begin, due_on, finish, iso


def tracking_number_new(day: date) -> str:
    """A tracking number the applicant can quote: the date and a random part that
    cannot be guessed from another applicant's number."""
    return f"YSQ{day:%Y%m%d}-{secrets.token_hex(3).upper()}"


@dataclass(frozen=True)
class ApplicantDetails:
    """Who applies, as given on the application (第二十九条第二款第一项)."""

    name: str
    applicant_type: str
    id_kind: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


def applicant_for(details: ApplicantDetails) -> Applicant:
    """The registry's record of this applicant: found by identity document when
    one is given (and its contact details brought up to date), else created."""
    fields = {
        "name": details.name.strip(),
        "applicant_type": details.applicant_type,
        "phone": details.phone,
        "email": details.email,
        "address": details.address,
        "postcode": details.postcode,
    }
    number = details.id_number.strip().upper()
    if number:
        applicant, _ = Applicant.objects.update_or_create(
            id_kind=details.id_kind, id_number=number, defaults=fields
        )
        return applicant
    applicant = Applicant(id_kind=details.id_kind, **fields)
    applicant.full_clean()
    applicant.save()
    return applicant


def _new_application(
    *,
    agency: Any,
    channel: str,
    applicant_type: str,
    applicant: ApplicantDetails | None,
    applicant_name: str,
    day: date,
    tracking_number: str | None,
    **fields: Any,
) -> Application:
    record = applicant_for(applicant) if applicant else None
    return Application(
        agency=agency,
        channel=channel,
        applicant=record,
        applicant_type=record.applicant_type if record else applicant_type,
        applicant_name=record.name if record else applicant_name,
        tracking_number=tracking_number or tracking_number_new(day),
        **fields,
    )


def _save_new(application: Application) -> Application:
    application.full_clean(exclude=["status"])
    application.save()
    application.refresh_from_db(fields=["status"])
    return application


@transaction.atomic
def application_register(
    *,
    acting_user: Any,
    agency: Any,
    received_on: date,
    channel: str,
    applicant_type: str = "",
    applicant_name: str = "",
    applicant: ApplicantDetails | None = None,
    description: str = "",
    tracking_number: str | None = None,
    signed_for: bool = False,
    **fields: Any,
) -> Application:
    """Register an application already received (第三十一条): handed in, signed for,
    or confirmed with the applicant outside gongkai. The reply clock starts.

    ``fields`` are the other details of the application (requested form, delivery,
    pieces, handler).
    """
    application = _new_application(
        agency=agency,
        channel=channel,
        applicant_type=applicant_type,
        applicant=applicant,
        applicant_name=applicant_name,
        day=received_on,
        tracking_number=tracking_number,
        submitted_on=fields.pop("submitted_on", received_on),
        received_on=received_on,
        signed_for=signed_for,
        description=description,
        stage=ApplicationStatus.RECEIVED,
        **fields,
    )
    application = _save_new(application)
    application.due_on = due_on(application)
    application.save(update_fields=["due_on"])
    event_record(
        actor=acting_user,
        verb="application_received",
        target=application,
        data={
            "received_on": received_on.isoformat(),
            "channel": channel,
            "rule": receipt_rule(channel, signed_for=signed_for),
            "due_on": iso(application.due_on),
            "intake": Intake.REGISTER,
        },
    )
    return application


@transaction.atomic
def application_submit(
    *,
    acting_user: Any,
    agency: Any,
    submitted_on: date,
    channel: str,
    applicant: ApplicantDetails,
    description: str = "",
    tracking_number: str | None = None,
    **fields: Any,
) -> Application:
    """Record an application that counts as received only once confirmed with the
    applicant: online, fax, e-mail, or an ordinary letter (第三十一条第二、三项)."""
    if not needs_confirmation(channel, signed_for=fields.get("signed_for", False)):
        raise ValidationError(
            "当面提交或签收的申请以提交或签收之日为收到申请之日，请直接登记。"
        )
    application = _new_application(
        agency=agency,
        channel=channel,
        applicant_type="",
        applicant=applicant,
        applicant_name="",
        day=submitted_on,
        tracking_number=tracking_number,
        submitted_on=submitted_on,
        description=description,
        stage=ApplicationStatus.SUBMITTED,
        **fields,
    )
    application = _save_new(application)
    event_record(
        actor=acting_user,
        verb="application_submitted",
        target=application,
        data={"submitted_on": submitted_on.isoformat(), "channel": channel},
    )
    return application


@transaction.atomic
def application_confirm(
    *, acting_user: Any, application: Application, confirmed_on: date
) -> Application:
    """The day both sides confirm is the receipt day (第三十一条); the clock starts."""
    application, target = begin(application, Action.CONFIRM)
    if confirmed_on < application.submitted_on:
        raise ValidationError("确认日期不能早于提交日期。")
    application.received_on = confirmed_on
    return finish(
        application,
        target,
        acting_user=acting_user,
        verb="application_confirmed",
        data={
            "received_on": confirmed_on.isoformat(),
            "rule": receipt_rule(
                application.channel, signed_for=application.signed_for
            ),
        },
    )


@transaction.atomic
def application_lapse_unconfirmed(
    *, acting_user: Any, application: Application, reason: str
) -> Application:
    """The applicant could not be reached to confirm: it never became an
    application (not received, not counted in any report)."""
    application, target = begin(application, Action.LAPSE_UNCONFIRMED)
    if not reason.strip():
        raise ValidationError("请说明未能确认的原因。")
    return finish(
        application,
        target,
        acting_user=acting_user,
        verb="application_unconfirmed",
        data={"reason": reason},
    )


@transaction.atomic
def application_answer_on_the_spot(
    *,
    acting_user: Any,
    agency: Any,
    received_on: date,
    channel: str,
    outcome: str,
    legal_basis: str,
    applicant_type: str = "",
    applicant_name: str = "",
    applicant: ApplicantDetails | None = None,
    description: str = "",
    ground: str = "",
) -> Application:
    """An application answered when it is made (第三十三条第一款): received and
    closed the same day, with its outcome."""
    if outcome not in Outcome.values or not ground_allowed(outcome, ground):
        raise ValidationError(f"办理结果或细分理由无效：{outcome} {ground}")
    application = _new_application(
        agency=agency,
        channel=channel,
        applicant_type=applicant_type,
        applicant=applicant,
        applicant_name=applicant_name,
        day=received_on,
        tracking_number=None,
        submitted_on=received_on,
        received_on=received_on,
        closed_on=received_on,
        outcome=outcome,
        ground=ground,
        legal_basis=legal_basis,
        description=description,
        answered_on_the_spot=True,
    )
    application = _save_new(application)
    event_record(
        actor=acting_user,
        verb="application_answered_on_the_spot",
        target=application,
        data={"received_on": received_on.isoformat(), "outcome": outcome},
    )
    return application


@transaction.atomic
def application_assign(
    *, acting_user: Any, application: Application, handler: Any
) -> Application:
    """Give the application to a handler (承办人), who gets its reminders."""
    application, target = begin(application, Action.ASSIGN)
    previous = application.handler_id
    application.handler = handler
    return finish(
        application,
        target,
        acting_user=acting_user,
        verb="application_assigned",
        data={"from": previous, "to": getattr(handler, "pk", None)},
    )
