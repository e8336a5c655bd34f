"""The demo's working together and 第四十四条, at 兴义市应急管理局 (where the demo
login works):

- its most recent open application has a helper (demo-reviewer, so that login's
  list “我协办的” is not empty) and an internal note by the handler;
- its most recent application answered 予以公开 was offered to the catalogue: a
  draft item, origin 依申请公开转主动公开, waiting for the publishing workflow (and
  counted on the supervision page).

Made through the services, as staff would, so each step has its event. Idempotent:
an application that already has a helper, a note or an offer is left as it is.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.applications import services
from gongkai.applications.models import Application, Outcome

from .region import XINGYI_EMERGENCY

STAFF = "demo"  # the demo login (loader.DEMO_STAFF)
HELPER = "demo-reviewer"
NOTE = (
    "已联系档案室查找2025年度的原始台账，预计下周初提供；如需延期请提前报负责人审批。"
)


def register_demo_ensure(agencies: dict[str, Agency]) -> int:
    """Add the demo's helper, note and offer if they are not there; how many
    were made."""
    agency = agencies.get(XINGYI_EMERGENCY)
    if agency is None:
        return 0
    staff = User.objects.filter(username=STAFF, agency=agency).first()
    helper = User.objects.filter(username=HELPER, agency=agency).first()
    made = 0
    with transaction.atomic():
        made += _helped(agency, staff, helper)
        made += _offered(agency, staff)
    return made


def _helped(agency: Agency, staff: User | None, helper: User | None) -> int:
    application = (
        Application.objects.filter(
            agency=agency, closed_on__isnull=True, received_on__isnull=False
        )
        .order_by("-received_on", "-pk")
        .first()
    )
    if application is None or helper is None:
        return 0
    if application.helpers.exists() or application.internal_notes.exists():
        return 0
    if application.handler_id is None and staff is not None:
        application = services.application_assign(
            acting_user=None, application=application, handler=staff
        )
    if application.handler_id != helper.pk:
        services.application_helper_add(
            acting_user=staff, application=application, helper=helper
        )
    services.application_note_add(acting_user=staff, application=application, text=NOTE)
    return 1


def _offered(agency: Agency, staff: User | None) -> int:
    if Application.objects.filter(agency=agency, catalogue_item__isnull=False).exists():
        return 0
    application = (
        Application.objects.filter(agency=agency, outcome=Outcome.DISCLOSED)
        .exclude(description="")
        .order_by("-closed_on", "-pk")
        .first()
    )
    if application is None:
        return 0
    title = application.description.strip().splitlines()[0][:100]
    services.application_offer_to_catalogue(
        acting_user=staff,
        application=application,
        title=title,
        summary="多名申请人申请公开的信息，依申请公开转主动公开（第四十四条）。",
    )
    return 1
