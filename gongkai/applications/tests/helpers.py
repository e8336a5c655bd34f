"""Bringing an application to any status through the services themselves."""

from __future__ import annotations

from datetime import date

from gongkai.applications import services as s
from gongkai.applications.models import Application, ApplicationStatus

RECEIVED = date(2025, 3, 3)  # a Monday with no holiday near


def applicant(name: str = "张三", kind: str = "natural_person", number: str = ""):
    return s.ApplicantDetails(
        name=name,
        applicant_type=kind,
        id_kind="resident_id" if number else "",
        id_number=number,
    )


def registered(agency, user, **kwargs) -> Application:
    kwargs.setdefault("received_on", RECEIVED)
    kwargs.setdefault("channel", "in_person")
    kwargs.setdefault("applicant", applicant())
    kwargs.setdefault("description", "2024年度部门预算")
    return s.application_register(acting_user=user, agency=agency, **kwargs)


def in_status(status: ApplicationStatus, agency, user) -> Application:
    """An application brought to ``status`` the way staff would."""
    if status in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNCONFIRMED):
        application = s.application_submit(
            acting_user=user,
            agency=agency,
            submitted_on=RECEIVED,
            channel="online",
            applicant=applicant(),
            description="2024年度部门预算",
        )
        if status is ApplicationStatus.UNCONFIRMED:
            application = s.application_lapse_unconfirmed(
                acting_user=user, application=application, reason="电话无法接通"
            )
        return application
    application = registered(agency, user)
    step = {
        ApplicationStatus.AWAITING_CORRECTION: lambda a: s.correction_request(
            acting_user=user,
            application=a,
            notified_on=date(2025, 3, 5),
            items="请写明文件名称",
        ),
        ApplicationStatus.CONSULTING: lambda a: s.consultation_start(
            acting_user=user,
            application=a,
            kind="third_party",
            party="某公司",
            sent_on=date(2025, 3, 5),
        ),
        ApplicationStatus.AWAITING_PAYMENT: lambda a: s.fee_notify(
            acting_user=user,
            application=a,
            basis="per_page",
            pages=150,
            notified_on=date(2025, 3, 5),
        ),
        ApplicationStatus.CLOSED: lambda a: s.application_decide(
            acting_user=user,
            application=a,
            outcome="disclosed",
            closed_on=date(2025, 3, 20),
        ),
        ApplicationStatus.REOPENED: lambda a: s.application_reopen(
            acting_user=user,
            application=s.application_decide(
                acting_user=user,
                application=a,
                outcome="disclosed",
                closed_on=date(2025, 3, 20),
            ),
            reopened_on=date(2025, 6, 2),
            reason="复议纠正",
        ),
    }.get(status)
    if step is not None:
        result = step(application)
        application = (
            Application.objects.get(pk=application.pk)
            if status is ApplicationStatus.REOPENED
            else result
        )
    return application
