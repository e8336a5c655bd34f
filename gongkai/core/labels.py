"""What a reader calls each event verb: the one place for the labels of the event
log (``gongkai.core.events``), read by the workspace's histories and audit pages
and by the admin's event list.

Every verb a service writes has its label here; a test reads the sources for
``verb="..."`` and fails on a verb without one
(``gongkai/core/tests/test_labels.py``). A verb not found (an event written by an
older version) shows as ``OTHER``, never as its code.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

OTHER = _("Other action")

VERB_LABELS = {
    # agencies and reference data (gongkai.agencies, gongkai.workdays)
    "agency_created": _("Agency created"),
    "agency_renamed": _("Agency renamed"),
    "agency_regraded": _("Agency's level or kind changed"),
    "agency_year_recorded": _("Agency's figures of the year recorded"),
    "guide_updated": _("Disclosure guide updated"),
    "meeting_recorded": _("Disclosure meeting recorded"),
    "meeting_deleted": _("Disclosure meeting deleted"),
    "training_recorded": _("Training recorded"),
    "training_deleted": _("Training deleted"),
    "calendar_year_loaded": _("Working-day calendar of a year loaded"),
    "calendar_day_changed": _("Day of the working-day calendar changed"),
    # applications (gongkai.applications)
    "application_received": _("Application received"),
    "application_submitted": _("Application submitted online"),
    "application_confirmed": _("Receipt confirmed"),
    "application_unconfirmed": _("Receipt not confirmed: not an application"),
    "application_assigned": _("Handler assigned"),
    "application_handler_changed": _("Handler changed"),
    "application_helper_added": _("Helper added"),
    "application_helper_removed": _("Helper removed"),
    "application_note_added": _("Internal note added"),
    "application_answered_on_the_spot": _("Answered on the spot"),
    "application_extended": _("Reply period extended"),
    "application_transferred": _("Applicant told which agency is responsible"),
    "transfer_accepted": _("Transferred application signed for (签收)"),
    "transfer_returned": _("Transfer returned by the competent agency (退回)"),
    "application_offered_to_catalogue": _("Proposed for proactive disclosure"),
    "application_reopened": _("Application handled again"),
    "application_closed": _("Application closed"),
    "application_withdrawn": _("Application withdrawn"),
    "applicant_linked": _("Linked to a known applicant"),
    "applicant_merged": _("Two applicant records merged"),
    "applicant_id_number_read": _("Identity document number read in full"),
    "applicant_anonymised": _("Personal data removed (retention period)"),
    "correction_requested": _("Correction requested (补正)"),
    "correction_received": _("Corrected application received"),
    "correction_lapsed": _("Correction period lapsed"),
    "consultation_started": _("Consultation started"),
    "consultation_finished": _("Consultation finished"),
    "deadline_extended": _("Reply period extended"),
    "deadline_recomputed": _("Reply due date computed again"),
    "reply_delayed": _("Reply delayed"),
    "fee_notified": _("Fee notice sent"),
    "fee_paid": _("Fee paid"),
    "fee_waived": _("Fee waived"),
    "fee_lapsed": _("Fee not paid in time: no longer handled"),
    "letter_issued": _("Letter issued"),
    "letter_delivered": _("Letter served"),
    "letter_template_saved": _("Letter template edited"),
    "archive_transfer_recorded": _("Transfer to the archives recorded"),
    "online_correction_seen": _("Online correction read by the handler"),
    "payment_receipt_uploaded": _("Payment receipt uploaded by the applicant"),
    # released files (gongkai.releases)
    "release_file_attached": _("File to release attached"),
    "release_file_reviewed": _("File reviewed"),
    "redaction_marked": _("Text marked for redaction"),
    "redaction_unmarked": _("Redaction mark removed"),
    "release_file_converted": _("File converted to PDF"),
    "release_file_redacted": _("Redacted copy made"),
    "release_file_released": _("File released to the applicant"),
    # the applicant's notices (gongkai.notices)
    "notice_failed": _("Notice to the applicant not sent after its last try"),
    "notice_resent": _("Notice to the applicant sent again"),
    "notice_dismissed": _("Failed notice closed: the applicant was told otherwise"),
    "sms_opted_out": _("The applicant stopped SMS notices"),
    "notice_template_saved": _("Notice text edited"),
    # reviews, lawsuits, complaints (gongkai.cases)
    "review_filed": _("Administrative review filed"),
    "litigation_filed": _("Lawsuit filed"),
    "complaint_filed": _("Complaint filed"),
    "case_served": _("Application or complaint copy received"),
    "case_answered": _("Written reply or defence submitted"),
    "case_hearing_scheduled": _("Hearing scheduled"),
    "case_concluded": _("Case concluded"),
    "case_document_added": _("Case document added"),
    # 督办 (gongkai.directives)
    "directive_issued": _("Directive (督办) issued"),
    "directive_answered": _("Directive (督办) answered"),
    "directive_sent_back": _("Answer to a directive (督办) sent back"),
    "directive_closed": _("Directive (督办) closed"),
    # proactive disclosure (gongkai.catalog)
    "item_created": _("Item recorded"),
    "item_recorded": _("Item recorded"),
    "item_updated": _("Item changed"),
    "item_attachment_added": _("Attachment added"),
    "item_attachment_removed": _("Attachment removed"),
    "item_privacy_scanned": _("Privacy scan run"),
    "item_submitted": _("Submitted for review"),
    "item_secrecy_cleared": _("Secrecy review passed"),
    "item_first_reviewed": _("First review passed"),
    "item_reviewed": _("Review passed"),
    "item_returned": _("Sent back for changes"),
    "item_published": _("Item published"),
    "item_channels_added": _("Publication channel added"),
    "item_corrected": _("Item corrected"),
    "item_redacted": _("Personal data removed from the item"),
    "item_withdrawn": _("Item withdrawn"),
    "item_due_date_moved": _("Publication due date moved"),
    "interpretation_recorded": _("Interpretation recorded"),
    "interpretation_published": _("Interpretation published"),
    "categories_adopted": _("Categories brought into the catalogue scheme"),
    "catalog_imported": _("Catalogue imported"),
    "search_index_rebuilt": _("Search index rebuilt"),
    "enquiry_received": _("Enquiry received"),
    "enquiry_answered": _("Enquiry answered"),
    "enquiry_published": _("Answer published"),
    "enquiry_unpublished": _("Answer taken down"),
    # activities and the annual report (gongkai.activities, gongkai.reports)
    "activity_recorded": _("Activity recorded"),
    "activity_deleted": _("Activity deleted"),
    "figure_attested": _("Figure attested"),
    "narrative_edited": _("Report text edited"),
    "report_submitted": _("Report submitted"),
    "report_returned": _("Report returned"),
    "report_signed_off": _("Report signed off"),
    "report_published": _("Report published"),
    "report_corrected": _("Report corrected"),
    "report_imported": _("Published report imported"),
}


def verb_label(verb: str) -> str:
    """The Chinese label of an event ``verb`` (``OTHER`` for one not known)."""
    return str(VERB_LABELS.get(verb, OTHER))


# What an event's data keys are called where no model field of that name says it
# (gongkai.workspace.audit reads a field's verbose name first).
DATA_LABELS = {
    "opinion": "意见",
    "reason": "理由",
    "adjustment": "调整说明",
    "year": "年度",
    "key": "数字",
    "format": "报告格式",
    "sha256": "SHA-256 校验值",
    "rule": "依据",
    "transfer": "转送",
    "original": "原申请",
    "about": "事项",
    "respond_by": "答复期限",
    "kind": "类别",
    "name": "名称",
    "findings": "隐私检查发现",
    "privacy_scan": "隐私检查",
    "scannable": "可读取文字",
    "channels": "发布渠道",
    "items": "条目数",
    "seconds": "用时（秒）",
}
OTHER_DATA = "附加信息"
