"""Reading the audit: the events of one record, each with who, when, and what
changed (before and after), as every service wrote it (``gongkai.core.events``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.events import events_for
from gongkai.core.models import Event

# The verbs of gongkai's services, as a reader names them; others show as written.
VERB_LABELS = {
    "application_received": _("Application received"),
    "application_submitted": _("Application submitted online"),
    "application_confirmed": _("Receipt confirmed"),
    "application_assigned": _("Handler assigned"),
    "applicant_linked": _("Linked to a known applicant"),
    "applicant_merged": _("Two applicant records merged"),
    "applicant_id_number_read": _("Identity document number read in full"),
    "applicant_anonymised": _("Personal data removed (retention period)"),
    "correction_requested": _("Correction requested (补正)"),
    # the applicant's notices (gongkai.notices)
    "notice_failed": _("Notice to the applicant not sent after its last try"),
    "notice_resent": _("Notice to the applicant sent again"),
    "notice_dismissed": _("Failed notice closed: the applicant was told otherwise"),
    "sms_opted_out": _("The applicant stopped SMS notices"),
    "notice_template_saved": _("Notice text edited"),
    "correction_received": _("Corrected application received"),
    "correction_lapsed": _("Correction period lapsed"),
    "consultation_started": _("Consultation started"),
    "consultation_finished": _("Consultation finished"),
    "deadline_extended": _("Reply period extended"),
    "letter_issued": _("Letter issued"),
    "letter_delivered": _("Letter served"),
    "release_file_attached": _("File to release attached"),
    "release_file_reviewed": _("File reviewed"),
    "redaction_marked": _("Text marked for redaction"),
    "redaction_unmarked": _("Redaction mark removed"),
    "release_file_converted": _("File converted to PDF"),
    "release_file_redacted": _("Redacted copy made"),
    "release_file_released": _("File released to the applicant"),
    "online_correction_seen": _("Online correction read by the handler"),
    "payment_receipt_uploaded": _("Payment receipt uploaded by the applicant"),
    "application_closed": _("Application closed"),
    "application_withdrawn": _("Application withdrawn"),
    "item_recorded": _("Item recorded"),
    "item_updated": _("Item changed"),
    "item_published": _("Item published"),
    "enquiry_received": _("Enquiry received"),
    "enquiry_answered": _("Enquiry answered"),
    "enquiry_published": _("Answer published"),
    "enquiry_unpublished": _("Answer taken down"),
    "activity_recorded": _("Activity recorded"),
    "activity_deleted": _("Activity deleted"),
    "figure_attested": _("Figure attested"),
    "narrative_edited": _("Report text edited"),
    "report_submitted": _("Report submitted"),
    "report_returned": _("Report returned"),
    "report_signed_off": _("Report signed off"),
    "report_published": _("Report published"),
    "report_corrected": _("Report corrected"),
}
FOLLOWED = ("item", "application", "activity", "enquiry", "case", "review")


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AuditEntry:
    event: Event
    label: str
    changes: list[Change]  # from the event's "before" and "after"
    details: dict[str, Any]  # the rest of what the event recorded


def record_of(key: str, pk: str) -> Model | None:
    """The gongkai record named ``app_label.model`` and ``pk``, or None."""
    try:
        model = apps.get_model(key)
    except (LookupError, ValueError):
        return None
    if not model.__module__.startswith("gongkai."):
        return None
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def agency_of(record: Model) -> Agency | None:
    """The agency whose record this is: itself, its ``agency``, or the agency of
    the record it belongs to (a channel's item, a letter's application)."""
    if isinstance(record, Agency):
        return record
    if getattr(record, "agency_id", None):
        return record.agency  # type: ignore[attr-defined]
    for name in FOLLOWED:
        parent = getattr(record, name, None)
        if isinstance(parent, Model) and getattr(parent, "agency_id", None):
            return parent.agency  # type: ignore[attr-defined]
    return None


def entries_for(record: Model) -> list[AuditEntry]:
    return [_entry(event) for event in events_for(record)]


def _entry(event: Event) -> AuditEntry:
    data = dict(event.data or {})
    before = data.pop("before", None)
    after = data.pop("after", None)
    changes: list[Change] = []
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        changes = [
            Change(name, before.get(name), after.get(name))
            for name in dict.fromkeys([*before, *after])
            if before.get(name) != after.get(name)
        ]
    elif before is not None or after is not None:
        changes = [Change("", before, after)]
    return AuditEntry(
        event=event,
        label=str(VERB_LABELS.get(event.verb, event.verb)),
        changes=changes,
        details=data,
    )
