"""Disclosure on application (依申请公开): applicants, applications, the steps of
the procedure that move the reply clock, and the letters that record each step."""

from .application import Applicant, Application
from .choices import (
    GROUNDS_BY_OUTCOME,
    OPEN_STAGES,
    PAUSED_STATUSES,
    ApplicantType,
    ApplicationChannel,
    ApplicationStatus,
    DeliveryMethod,
    Ground,
    Outcome,
    RequestedForm,
    ground_allowed,
)
from .collaboration import ApplicationHelper, InternalNote
from .letters import Delivery, Letter, LetterTemplate
from .online import LetterPdf, OnlineCorrection, OnlineCorrectionFile, PaymentReceipt
from .procedure import Consultation, CorrectionRequest, Extension, FeeNotice
from .transfer import Transfer, TransferState

__all__ = [
    "GROUNDS_BY_OUTCOME",
    "OPEN_STAGES",
    "PAUSED_STATUSES",
    "Applicant",
    "ApplicantType",
    "Application",
    "ApplicationChannel",
    "ApplicationHelper",
    "ApplicationStatus",
    "Consultation",
    "CorrectionRequest",
    "Delivery",
    "DeliveryMethod",
    "Extension",
    "FeeNotice",
    "Ground",
    "InternalNote",
    "Letter",
    "LetterPdf",
    "LetterTemplate",
    "OnlineCorrection",
    "OnlineCorrectionFile",
    "Outcome",
    "PaymentReceipt",
    "RequestedForm",
    "Transfer",
    "TransferState",
    "ground_allowed",
]
