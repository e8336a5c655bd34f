"""Recording applications and how they ended. The full workflow (补正, consultation,
extension, fees, letters) builds on these two operations."""

import secrets
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.events import event_record

from .models import Application, Outcome, ground_allowed


def tracking_number_new(received_on: date) -> str:
    """A tracking number the applicant can quote: the date and a random part that
    cannot be guessed from another applicant's number."""
    return f"YSQ{received_on:%Y%m%d}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def application_register(
    *,
    acting_user: Any,
    agency: Any,
    received_on: date,
    channel: str,
    applicant_type: str,
    applicant_name: str = "",
    description: str = "",
    tracking_number: str | None = None,
) -> Application:
    application = Application(
        agency=agency,
        received_on=received_on,
        channel=channel,
        applicant_type=applicant_type,
        applicant_name=applicant_name,
        description=description,
        tracking_number=tracking_number or tracking_number_new(received_on),
    )
    application.full_clean()
    application.save()
    event_record(
        actor=acting_user,
        verb="application_received",
        target=application,
        data={"received_on": received_on.isoformat(), "channel": channel},
    )
    return application


@transaction.atomic
def application_close(
    *,
    acting_user: Any,
    application: Application,
    outcome: str,
    closed_on: date,
    ground: str = "",
    extended: bool = False,
    fee_amount: Decimal = Decimal(0),
) -> Application:
    """Close an application with exactly one outcome of the 2021 list."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.closed_on:
        raise ValidationError("该申请已办结，不能再次办结。")
    if outcome not in Outcome.values:
        raise ValidationError(f"未知的办理结果：{outcome}")
    if not ground_allowed(outcome, ground):
        raise ValidationError(f"“{Outcome(outcome).label}”不适用细分理由“{ground}”。")
    if closed_on < application.received_on:
        raise ValidationError("办结日期不能早于收到申请之日。")
    application.outcome = outcome
    application.ground = ground
    application.closed_on = closed_on
    application.extended = extended
    application.fee_amount = fee_amount
    application.save()
    event_record(
        actor=acting_user,
        verb="application_closed",
        target=application,
        data={"outcome": outcome, "ground": ground, "closed_on": closed_on.isoformat()},
    )
    return application
