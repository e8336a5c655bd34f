"""Intake: applicants, applications from every channel, their receipt date
(第三十一条), on-the-spot replies (第三十三条第一款) and assignment to a handler.

Staff register and answer for their own agency (``application.handle``); anyone
may apply online (第二十九条), which needs no permission. A receipt dated in a year
whose report is published is refused unless made as an adjustment with a reason
(``agencies.periods``).

Every application keeps the applicant's details as given on it (its
``applicant_*`` fields). An application from the public never touches the
registry's ``Applicant`` records: someone who knows another person's identity
number could otherwise rewrite that person's contact details everywhere (issue 12,
finding 1). Staff registering an application tie it to the known record (left as
it is) or make one; tying an online application to one is ``applicant_link``."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from ..models import (
    Applicant,
    Application,
    ApplicationStatus,
    DeliveryMethod,
    Outcome,
    RequestedForm,
    ground_allowed,
)
from ..receipt import needs_confirmation, receipt_rule
from ..workflow import ApplicationStep, Intake, intake_check
from ._steps import adjusted, begin, due_on, finish, guard, iso


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

    @property
    def number(self) -> str:
        return self.id_number.strip().upper()

    def on_application(self) -> dict[str, str]:
        """The details as the application keeps them (its ``applicant_*`` fields)."""
        return {
            "applicant_name": self.name.strip(),
            "applicant_type": self.applicant_type,
            "applicant_id_kind": self.id_kind,
            "applicant_id_number": self.number,
            "applicant_phone": self.phone.strip(),
            "applicant_email": self.email.strip(),
            "applicant_address": self.address.strip(),
            "applicant_postcode": self.postcode.strip(),
        }


def applicant_for(details: ApplicantDetails) -> Applicant:
    """The registry's record of this applicant, for an application staff register:
    the one with the same identity document when there is one (left as it is:
    changing a known applicant's details is ``applicant_link`` with
    ``update_details``), else a new record made from ``details``."""
    number = details.number
    if number:
        found = Applicant.objects.filter(
            id_kind=details.id_kind, id_number=number
        ).first()
        if found is not None:
            return found
    applicant = Applicant(
        name=details.name.strip(),
        applicant_type=details.applicant_type,
        id_kind=details.id_kind,
        id_number=number,
        phone=details.phone.strip(),
        email=details.email.strip(),
        address=details.address.strip(),
        postcode=details.postcode.strip(),
    )
    applicant.full_clean()
    applicant.save()
    return applicant


def _new_application(
    *,
    agency: Agency,
    channel: str,
    applicant_type: str,
    applicant: ApplicantDetails | None,
    applicant_name: str,
    day: date,
    tracking_number: str | None,
    description: str,
    requested_form: str,
    delivery_method: str,
    pieces: int,
    handler: User | None,
    link: bool,
) -> Application:
    """A new application keeping the applicant's details as given. Only staff
    (``link``) tie it to the registry's record; the public never writes to it."""
    given = (
        applicant.on_application()
        if applicant
        else {"applicant_type": applicant_type, "applicant_name": applicant_name}
    )
    return Application(
        agency=agency,
        channel=channel,
        applicant=applicant_for(applicant) if applicant and link else None,
        tracking_number=tracking_number or tracking_number_new(day),
        description=description,
        requested_form=requested_form,
        delivery_method=delivery_method,
        pieces=pieces,
        handler=handler,
        **given,
    )


def _save_new(application: Application) -> Application:
    application.full_clean(exclude=["status"])
    application.save()
    application.refresh_from_db(fields=["status"])
    return application


@transaction.atomic
def application_register(
    *,
    acting_user: User | None,
    agency: Agency,
    received_on: date,
    channel: str,
    applicant_type: str = "",
    applicant_name: str = "",
    applicant: ApplicantDetails | None = None,
    description: str = "",
    tracking_number: str | None = None,
    signed_for: bool = False,
    submitted_on: date | None = None,
    requested_form: str = RequestedForm.PAPER,
    delivery_method: str = DeliveryMethod.POST,
    pieces: int = 1,
    handler: User | None = None,
    adjustment: str = "",
) -> Application:
    """Register an application already received (第三十一条): handed in, signed for,
    or confirmed with the applicant outside gongkai. The reply clock starts.

    It counts as received in ``received_on``'s year: in a year whose report is
    published, only as an ``adjustment`` (the reason) by the office head.
    """
    row = intake_check(Intake.REGISTER, user=acting_user, agency=agency)
    adjustments = guard(
        agency=agency,
        days=[received_on],
        acting_user=acting_user,
        adjustment=adjustment,
        what=f"登记收到申请（{received_on.isoformat()}）",
    )
    application = _new_application(
        agency=agency,
        channel=channel,
        applicant_type=applicant_type,
        applicant=applicant,
        applicant_name=applicant_name,
        day=received_on,
        tracking_number=tracking_number,
        description=description,
        requested_form=requested_form,
        delivery_method=delivery_method,
        pieces=pieces,
        handler=handler,
        link=True,
    )
    application.submitted_on = submitted_on or received_on
    application.received_on = received_on
    application.signed_for = signed_for
    application.stage = ApplicationStatus.RECEIVED
    application = _save_new(application)
    application.due_on = due_on(application)
    application.save(update_fields=["due_on"])
    event_record(
        actor=acting_user,
        verb=row.verb,
        target=application,
        data={
            "received_on": received_on.isoformat(),
            "channel": channel,
            "rule": receipt_rule(channel, signed_for=signed_for),
            "due_on": iso(application.due_on),
            "intake": Intake.REGISTER,
            "applicant": application.applicant_id,
            **adjusted(adjustments, application),
        },
    )
    return application


@transaction.atomic
def application_submit(
    *,
    acting_user: User | AnonymousUser | None,
    agency: Agency,
    submitted_on: date,
    channel: str,
    applicant: ApplicantDetails,
    description: str = "",
    tracking_number: str | None = None,
    signed_for: bool = False,
    requested_form: str = RequestedForm.PAPER,
    delivery_method: str = DeliveryMethod.POST,
    pieces: int = 1,
) -> Application:
    """Record an application that counts as received only once confirmed with the
    applicant: online, fax, e-mail, or an ordinary letter (第三十一条第二、三项).

    Anyone may apply (第二十九条): the acting user is whoever submits, the public
    (an anonymous visitor) included; no permission is asked.
    """
    row = intake_check(Intake.SUBMIT, user=acting_user, agency=agency)
    if not needs_confirmation(channel, signed_for=signed_for):
        raise Refused(
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
        description=description,
        requested_form=requested_form,
        delivery_method=delivery_method,
        pieces=pieces,
        handler=None,
        link=False,
    )
    application.submitted_on = submitted_on
    application.signed_for = signed_for
    application.stage = ApplicationStatus.SUBMITTED
    application = _save_new(application)
    event_record(
        actor=acting_user,
        verb=row.verb,
        target=application,
        data={"submitted_on": submitted_on.isoformat(), "channel": channel},
    )
    return application


@transaction.atomic
def application_confirm(
    *,
    acting_user: User | None,
    application: Application,
    confirmed_on: date,
    adjustment: str = "",
) -> Application:
    """The day both sides confirm is the receipt day (第三十一条); the clock starts.
    It counts as received in that year (the period lock applies)."""
    application, target, row = begin(
        application, ApplicationStep.CONFIRM, acting_user=acting_user
    )
    submitted_on = application.submitted_on
    if submitted_on is not None and confirmed_on < submitted_on:
        raise Refused("确认日期不能早于提交日期。")
    adjustments = guard(
        agency=application.agency,
        days=[confirmed_on],
        acting_user=acting_user,
        adjustment=adjustment,
        record=application,
        what=f"确认收到申请（{confirmed_on.isoformat()}）",
    )
    application.received_on = confirmed_on
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={
            "received_on": confirmed_on.isoformat(),
            "rule": receipt_rule(
                application.channel, signed_for=application.signed_for
            ),
            **adjusted(adjustments, application),
        },
    )


@transaction.atomic
def application_lapse_unconfirmed(
    *, acting_user: User | None, application: Application, reason: str
) -> Application:
    """The applicant could not be reached to confirm: it never became an
    application (not received, not counted in any report)."""
    application, target, row = begin(
        application,
        ApplicationStep.LAPSE_UNCONFIRMED,
        acting_user=acting_user,
        reason=reason,
    )
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={"reason": reason},
    )


@transaction.atomic
def application_answer_on_the_spot(
    *,
    acting_user: User | None,
    agency: Agency,
    received_on: date,
    channel: str,
    outcome: str,
    legal_basis: str,
    applicant_type: str = "",
    applicant_name: str = "",
    applicant: ApplicantDetails | None = None,
    description: str = "",
    ground: str = "",
    adjustment: str = "",
) -> Application:
    """An application answered when it is made (第三十三条第一款): received and
    closed the same day, with its outcome (the period lock applies to that day's
    year)."""
    row = intake_check(Intake.ANSWER_ON_THE_SPOT, user=acting_user, agency=agency)
    if outcome not in Outcome.values or not ground_allowed(outcome, ground):
        raise Refused(f"办理结果或细分理由无效：{outcome} {ground}")
    adjustments = guard(
        agency=agency,
        days=[received_on],
        acting_user=acting_user,
        adjustment=adjustment,
        what=f"当场答复申请（{received_on.isoformat()}）",
    )
    application = _new_application(
        agency=agency,
        channel=channel,
        applicant_type=applicant_type,
        applicant=applicant,
        applicant_name=applicant_name,
        day=received_on,
        tracking_number=None,
        description=description,
        requested_form=RequestedForm.PAPER,
        delivery_method=DeliveryMethod.POST,
        pieces=1,
        handler=None,
        link=True,
    )
    application.submitted_on = received_on
    application.received_on = received_on
    application.closed_on = received_on
    application.outcome = outcome
    application.ground = ground
    application.legal_basis = legal_basis
    application.answered_on_the_spot = True
    application = _save_new(application)
    event_record(
        actor=acting_user,
        verb=row.verb,
        target=application,
        data={
            "received_on": received_on.isoformat(),
            "outcome": outcome,
            **adjusted(adjustments, application),
        },
    )
    return application


@transaction.atomic
def application_assign(
    *, acting_user: User | None, application: Application, handler: User | None
) -> Application:
    """Give the application to a handler (承办人), who gets its reminders."""
    application, target, row = begin(
        application, ApplicationStep.ASSIGN, acting_user=acting_user
    )
    if handler is not None and handler.agency_id != application.agency_id:
        raise Refused("承办人须是本机关的工作人员。")
    previous = application.handler_id
    application.handler = handler
    return finish(
        application,
        target,
        acting_user=acting_user,
        row=row,
        data={"from": previous, "to": handler.pk if handler else None},
    )
