"""Every change to an application is one of these services: keyword-only, atomic,
one event with its actor. Each asks first whether the acting user may (its role
grants the step, the application's agency is in the user's scope: a refusal is
``NotPermitted``), then whether the step may be taken now (the transition table,
``workflow.py``: ``Refused``), then the period lock for a date counted in a year
whose report is published; it re-derives the due date from the deadline ledger."""

from .applicants import (
    Anonymised,
    applicant_id_number_read,
    applicant_link,
    applicant_merge,
    applicant_record_read,
    applications_anonymise,
)
from .collaboration import (
    application_handler_change,
    application_helper_add,
    application_helper_remove,
    application_note_add,
)
from .deadlines import Recomputed, deadlines_recompute
from .decisions import (
    application_close,
    application_decide,
    application_offer_to_catalogue,
    application_reopen,
    application_withdraw,
)
from .intake import (
    ApplicantDetails,
    applicant_for,
    application_answer_on_the_spot,
    application_assign,
    application_confirm,
    application_lapse_unconfirmed,
    application_register,
    application_submit,
    tracking_number_new,
)
from .letters import delivery_record, letter_issue, letter_template_save
from .online import (
    correction_answer_online,
    letter_pdf,
    online_correction_mark_seen,
    payment_receipt_confirm,
    payment_receipt_upload,
)
from .procedure import (
    application_delay,
    application_extend,
    consultation_finish,
    consultation_start,
    correction_lapse,
    correction_receive,
    correction_request,
    fee_lapse,
    fee_notify,
    fee_pay,
    fee_quote,
    fee_waive,
)
from .transfer import application_transfer  # 签收, 退回: services.transfer's

__all__ = [
    "Anonymised",
    "ApplicantDetails",
    "Recomputed",
    "applicant_for",
    "applicant_id_number_read",
    "applicant_link",
    "applicant_merge",
    "applicant_record_read",
    "application_answer_on_the_spot",
    "application_assign",
    "application_close",
    "application_confirm",
    "application_decide",
    "application_delay",
    "application_extend",
    "application_handler_change",
    "application_helper_add",
    "application_helper_remove",
    "application_lapse_unconfirmed",
    "application_note_add",
    "application_offer_to_catalogue",
    "application_register",
    "application_reopen",
    "application_submit",
    "application_transfer",
    "application_withdraw",
    "applications_anonymise",
    "consultation_finish",
    "consultation_start",
    "correction_answer_online",
    "correction_lapse",
    "correction_receive",
    "correction_request",
    "deadlines_recompute",
    "delivery_record",
    "fee_lapse",
    "fee_notify",
    "fee_pay",
    "fee_quote",
    "fee_waive",
    "letter_issue",
    "letter_pdf",
    "letter_template_save",
    "online_correction_mark_seen",
    "payment_receipt_confirm",
    "payment_receipt_upload",
    "tracking_number_new",
]
