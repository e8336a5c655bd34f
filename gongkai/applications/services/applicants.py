"""Applicants' personal data: who may read it, how an application is tied to the
registry's record of its applicant, and how long it is kept.

《个人信息保护法》: personal data is processed for a stated purpose, no more than
needed (第六条), kept no longer than the purpose requires (第十九条), and who read it
is on record. So:

- an application keeps the details its applicant gave (the public never writes to
  the registry's ``Applicant``); tying it to a known applicant, or merging two
  records of one person, is a staff step with an event (``applicant_link``,
  ``applicant_merge``);
- a full identity document number is read by staff through
  ``applicant_id_number_read``, which writes who read which record, and when (an
  event, and a line in the security log);
- ``applications_anonymise`` clears the personal data of applications closed more
  than ``GONGKAI_APPLICANT_RETENTION_YEARS`` ago.

None of these changes what a report counts (the applicant's type stays), so the
period lock does not apply.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize, scope_filter
from gongkai.agencies.models import Agency
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from ..models import (
    Applicant,
    Application,
    InternalNote,
    OnlineCorrection,
    OnlineCorrectionFile,
    PaymentReceipt,
)

security_log = logging.getLogger("gongkai.security")

ANONYMISED_NAME = "已匿名"
ANONYMISED_NOTE = "（已匿名：保存期限届满）"
DETAIL_FIELDS = ("id_kind", "id_number", "phone", "email", "address", "postcode")


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency", "applicant")
        .get(pk=application.pk)
    )


def applicant_id_number_read(
    *, acting_user: User | None, application: Application
) -> str:
    """The applicant's full identity document number, for a handler of the
    application's agency; the read is recorded (who, when, which record)."""
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    event_record(
        actor=acting_user,
        verb="applicant_id_number_read",
        target=application,
        data={"tracking_number": application.tracking_number},
    )
    security_log.info(
        "personal data read: applicant_id_number user=%s application=%s",
        acting_user.username if acting_user else "-",
        application.tracking_number,
    )
    return application.applicant_id_number


def applicant_record_read(*, acting_user: User | None, applicant: Applicant) -> None:
    """Record that ``acting_user`` opened ``applicant``'s full record (the admin's
    page shows the identity number in full): who may handle applications at every
    agency the applicant applied to."""
    authorize(acting_user, Permission.APPLICATION_HANDLE)
    for agency in _agencies_of([applicant]):
        authorize(acting_user, Permission.APPLICATION_HANDLE, agency)
    event_record(
        actor=acting_user,
        verb="applicant_id_number_read",
        target=applicant,
        data={"applicant": applicant.pk},
    )
    security_log.info(
        "personal data read: applicant_record user=%s applicant=%s",
        acting_user.username if acting_user else "-",
        applicant.pk,
    )


def _given(application: Application) -> dict[str, str]:
    return {name: getattr(application, f"applicant_{name}") for name in DETAIL_FIELDS}


def _from_application(application: Application) -> tuple[Applicant, bool]:
    """The registry's record with the application's identity document, or a new one
    made from what the application gives."""
    given = _given(application)
    if given["id_number"]:
        found = Applicant.objects.filter(
            id_kind=given["id_kind"], id_number=given["id_number"]
        ).first()
        if found is not None:
            return found, False
    created = Applicant(
        name=application.applicant_name or ANONYMISED_NAME,
        applicant_type=application.applicant_type,
        **given,
    )
    created.full_clean()
    created.save()
    return created, True


@transaction.atomic
def applicant_link(
    *,
    acting_user: User | None,
    application: Application,
    applicant: Applicant | None = None,
    update_details: bool = False,
) -> Application:
    """Tie the application to the registry's record of its applicant: ``applicant``
    when given, else the one with the identity document the application gives,
    else a new record made from it. With ``update_details`` the record takes the
    name and contact details given on this application (the applicant's latest);
    otherwise the record is left as it is."""
    authorize(acting_user, Permission.APPLICATION_HANDLE, application.agency)
    application = _locked(application)
    if application.anonymised_on is not None:
        raise Refused("该申请的个人信息已按保存期限匿名化，不能再关联申请人。")
    created = False
    if applicant is None:
        applicant, created = _from_application(application)
    previous = application.applicant_id
    if previous == applicant.pk and not update_details:
        raise Refused("该申请已关联到这位申请人。")
    changed = _update(applicant, application) if update_details else []
    application.applicant = applicant
    application.save(update_fields=["applicant", "updated_at"])
    event_record(
        actor=acting_user,
        verb="applicant_linked",
        target=application,
        data={
            "applicant": applicant.pk,
            "from": previous,
            "created": created,
            "updated": changed,
        },
    )
    return application


def _update(applicant: Applicant, application: Application) -> list[str]:
    """Bring the record up to date with the application; the names changed."""
    wanted = {
        "name": application.applicant_name,
        "phone": application.applicant_phone,
        "email": application.applicant_email,
        "address": application.applicant_address,
        "postcode": application.applicant_postcode,
    }
    changed = [
        name for name, value in wanted.items() if getattr(applicant, name) != value
    ]
    for name in changed:
        setattr(applicant, name, wanted[name])
    if changed:
        applicant.full_clean()
        applicant.save(update_fields=[*changed, "updated_at"])
    return changed


def _agencies_of(applicants: Iterable[Applicant]) -> list[Agency]:
    return list(
        Agency.objects.filter(applications__applicant__in=list(applicants)).distinct()
    )


@transaction.atomic
def applicant_merge(
    *, acting_user: User | None, applicant: Applicant, into: Applicant
) -> Applicant:
    """Two records of one person: ``applicant``'s applications move to ``into`` and
    ``applicant`` is deleted (each application keeps the details it was given).
    The acting user must handle applications at every agency either has applied
    to, since the applicant's history there changes."""
    authorize(acting_user, Permission.APPLICATION_HANDLE)
    if applicant.pk == into.pk:
        raise Refused("不能把申请人与其自身合并。")
    for agency in _agencies_of([applicant, into]):
        authorize(acting_user, Permission.APPLICATION_HANDLE, agency)
    moved = list(
        Application.objects.filter(applicant=applicant).values_list(
            "tracking_number", flat=True
        )
    )
    Application.objects.filter(applicant=applicant).update(applicant=into)
    event_record(
        actor=acting_user,
        verb="applicant_merged",
        target=into,
        data={"merged": applicant.pk, "applications": moved},
    )
    applicant.delete()
    return into


# -- retention ----------------------------------------------------------------------


@dataclass
class Anonymised:
    """What ``applications_anonymise`` did (or, in a dry run, would do)."""

    cutoff: date
    applications: list[str] = field(default_factory=list)
    applicants: int = 0
    dry_run: bool = False


def retention_cutoff(today: date) -> date:
    """Applications closed before this day are past the retention period."""
    years = int(settings.GONGKAI_APPLICANT_RETENTION_YEARS)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _expired_applicants(cutoff: date) -> list[Applicant]:
    """Applicants none of whose applications is open or closed on or after
    ``cutoff``."""
    return list(
        Applicant.objects.exclude(name=ANONYMISED_NAME, id_number="", phone="")
        .exclude(applications__closed_on__isnull=True)
        .exclude(applications__closed_on__gte=cutoff)
        .filter(applications__isnull=False)
        .distinct()
    )


@transaction.atomic
def applications_anonymise(
    *, acting_user: User | None, today: date, dry_run: bool = False
) -> Anonymised:
    """Clear the personal data of the applications (within the user's scope)
    closed more than ``GONGKAI_APPLICANT_RETENTION_YEARS`` before ``today``: the
    name becomes 已匿名, the identity document, telephone, e-mail, address and
    postcode are emptied; one event per application (its type, outcome and dates
    stay, so the reports do not change). An applicant whose every application is
    past the period is anonymised too. Running it again changes nothing."""
    authorize(acting_user, Permission.APPLICATION_HANDLE)
    cutoff = retention_cutoff(today)
    scope = Q() if acting_user is None else scope_filter(acting_user)
    due = (
        Application.objects.filter(
            scope,
            closed_on__lt=cutoff,
            anonymised_on__isnull=True,
        )
        .select_for_update()
        .order_by("closed_on", "pk")
    )
    result = Anonymised(cutoff=cutoff, dry_run=dry_run)
    for application in due:
        result.applications.append(application.tracking_number)
        if not dry_run:
            _anonymise(application, today, acting_user)
    applicants = _expired_applicants(cutoff) if acting_user is None else []
    result.applicants = len(applicants)
    if not dry_run:
        for applicant in applicants:
            _clear(applicant, "")
            applicant.save()
    return result


def _forget_submissions(application: Application) -> None:
    """What the applicant sent on the tracking page goes too: the text of an online
    correction and its privacy findings, its files, payment receipts' files. The
    rows stay (that a correction came, that a payment was confirmed); the stored
    files are deleted once the transaction commits. So do the staff's internal
    notes' texts, which may name the applicant (who wrote one, and when, stay)."""
    InternalNote.objects.filter(application=application).update(text=ANONYMISED_NOTE)
    stored = [
        (model._meta.get_field("file"), name)
        for model, rows in (
            (
                OnlineCorrectionFile,
                OnlineCorrectionFile.objects.filter(
                    answer__correction__application=application
                ),
            ),
            (
                PaymentReceipt,
                PaymentReceipt.objects.filter(fee_notice__application=application),
            ),
        )
        for name in rows.values_list("file", flat=True)
        if name
    ]
    OnlineCorrection.objects.filter(correction__application=application).update(
        text="", findings=[], unscannable=[]
    )
    OnlineCorrectionFile.objects.filter(
        answer__correction__application=application
    ).update(file="", name=ANONYMISED_NAME)
    PaymentReceipt.objects.filter(fee_notice__application=application).update(
        file="", name=ANONYMISED_NAME, note=""
    )
    if stored:
        transaction.on_commit(lambda: _delete_files(stored))


def _delete_files(stored: list[tuple[Any, str]]) -> None:
    for file_field, name in stored:
        file_field.storage.delete(name)


def _clear(record: Applicant | Application, prefix: str) -> None:
    setattr(record, f"{prefix}name", ANONYMISED_NAME)
    for name in DETAIL_FIELDS:
        setattr(record, f"{prefix}{name}", "")


def _anonymise(application: Application, today: date, acting_user: User | None) -> None:
    _clear(application, "applicant_")
    application.anonymised_on = today
    application.save()
    _forget_submissions(application)
    event_record(
        actor=acting_user,
        verb="applicant_anonymised",
        target=application,
        data={
            "closed_on": application.closed_on.isoformat()
            if application.closed_on
            else None,
            "retention_years": int(settings.GONGKAI_APPLICANT_RETENTION_YEARS),
        },
    )
