"""What the notices follow: the events of an application's steps.

``core.events.event_recorded`` is sent in the transaction that wrote the event; the
steps that concern the applicant become notices in that same transaction (rolled
back with it), sent once it commits.
"""

from __future__ import annotations

from typing import Any

from gongkai.applications.models import Application
from gongkai.directives.mail import directive_mails_on_commit
from gongkai.directives.models import Directive

from .models import NoticeKind
from .services import notices_anonymise, notices_for_event

# The event verbs of an application (gongkai/applications/workflow.py, and the
# service of letters) that the applicant is told of, and the notice each gives.
VERB_KINDS: dict[str, str] = {
    "application_submitted": NoticeKind.SUBMITTED,
    "application_received": NoticeKind.RECEIVED,
    "application_confirmed": NoticeKind.RECEIVED,
    "correction_requested": NoticeKind.CORRECTION,
    "consultation_started": NoticeKind.CONSULTATION,
    "fee_notified": NoticeKind.FEE,
    "deadline_extended": NoticeKind.EXTENSION,
    "reply_delayed": NoticeKind.DELAY,
    "application_closed": NoticeKind.CLOSED,
    "application_transferred": NoticeKind.CLOSED,
    # a transfer inside gongkai (applications.services.transfer): the competent
    # agency signed for it (its own receipt), or returned it (the sender again)
    "transfer_accepted": NoticeKind.RECEIVED,
    "transfer_returned": NoticeKind.RECEIVED,
    "correction_lapsed": NoticeKind.CLOSED,
    "fee_lapsed": NoticeKind.CLOSED,
    "letter_delivered": NoticeKind.DELIVERED,
}


def on_event_recorded(sender: Any, *, event: Any, target: Any, **_: Any) -> None:
    if isinstance(target, Directive):  # 督办: the unit's office heads, the issuer
        directive_mails_on_commit(target, event.verb, event.data)
        return
    if not isinstance(target, Application):
        return
    if event.verb == "applicant_anonymised":  # past the retention period
        notices_anonymise(application=target)
        return
    kind = VERB_KINDS.get(event.verb)
    if kind is None:
        return
    notices_for_event(application=target, kind=kind, event_id=event.pk, data=event.data)
