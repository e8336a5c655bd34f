"""The staff workspace's addresses. Every page needs a signed-in user whose role
grants it (``gongkai.accounts.permissions``); records are scoped to the user's
agency, or to the region a supervisor reads."""

from django.urls import path

from .views import (
    activities,
    applications,
    audit,
    cases,
    collaboration,
    dashboard,
    directives,
    enquiries,
    items,
    notices,
    online,
    reports,
    supervision,
    tasks,
    transfers,
)

app_name = "workspace"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # the annual report
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:agency_id>/<int:year>/", reports.report_preview, name="report"),
    path(
        "reports/<int:agency_id>/<int:year>/cell/",
        reports.report_cell,
        name="report_cell",
    ),
    path(
        "reports/<int:agency_id>/<int:year>/narrative/",
        reports.report_narrative,
        name="report_narrative",
    ),
    path(
        "reports/<int:agency_id>/<int:year>/report.<str:extension>",
        reports.report_download,
        name="report_download",
    ),
    path(
        "reports/<int:agency_id>/<int:year>/<str:step>/",
        reports.report_step,
        name="report_step",
    ),
    # applications (依申请公开)
    path("applications/", applications.application_list, name="applications"),
    path("applications/new/", applications.application_new, name="application_new"),
    # the register (登记簿): the list as filtered, printed or as XLSX (issue 14)
    path(
        "applications/register/print/",
        applications.application_register_print,
        name="application_register_print",
    ),
    path(
        "applications/register.xlsx",
        applications.application_register_xlsx,
        name="application_register_xlsx",
    ),
    # the applicant's notices (gongkai.notices)
    path(
        "applications/<int:application_id>/notices/<int:notice_id>/resend/",
        notices.application_notice_resend,
        name="application_notice_resend",
    ),
    path(
        "applications/<int:application_id>/notices/<int:notice_id>/dismiss/",
        notices.application_notice_dismiss,
        name="application_notice_dismiss",
    ),
    path(
        "applications/<int:application_id>/",
        applications.application_detail,
        name="application",
    ),
    path(
        "applications/<int:application_id>/letters/<int:letter_id>/",
        applications.application_letter,
        name="application_letter",
    ),
    path(
        "applications/<int:application_id>/letters/<int:letter_id>/delivery/",
        applications.application_letter_delivery,
        name="application_letter_delivery",
    ),
    # what the applicant sent on the tracking page, and letters as PDF (issue 13)
    path(
        "applications/<int:application_id>/letters/<int:letter_id>/pdf/",
        online.application_letter_pdf,
        name="application_letter_pdf",
    ),
    path(
        "applications/<int:application_id>/correction/files/<int:file_id>/",
        online.application_correction_file,
        name="application_correction_file",
    ),
    path(
        "applications/<int:application_id>/correction/seen/",
        online.application_correction_seen,
        name="application_correction_seen",
    ),
    path(
        "applications/<int:application_id>/receipts/<int:receipt_id>/",
        online.application_receipt_file,
        name="application_receipt_file",
    ),
    path(
        "applications/<int:application_id>/receipts/<int:receipt_id>/confirm/",
        online.application_receipt_confirm,
        name="application_receipt_confirm",
    ),
    # working together, and the offer to the catalogue (issue 14)
    path(
        "applications/<int:application_id>/helpers/",
        collaboration.application_helper_add_view,
        name="application_helper_add",
    ),
    path(
        "applications/<int:application_id>/helpers/<int:user_id>/remove/",
        collaboration.application_helper_remove_view,
        name="application_helper_remove",
    ),
    path(
        "applications/<int:application_id>/notes/",
        collaboration.application_note_add_view,
        name="application_note_add",
    ),
    path(
        "applications/<int:application_id>/handler/",
        collaboration.application_handler_change_view,
        name="application_handler_change",
    ),
    path(
        "applications/<int:application_id>/offer/",
        collaboration.application_offer_view,
        name="application_offer",
    ),
    # the applicant's personal data (issue 12): a logged read, a staff link
    path(
        "applications/<int:application_id>/applicant/id-number/",
        applications.application_applicant_id,
        name="application_applicant_id",
    ),
    path(
        "applications/<int:application_id>/applicant/link/",
        applications.application_applicant_link,
        name="application_applicant_link",
    ),
    # review and litigation (行政复议、行政诉讼), issue 14
    path(
        "applications/<int:application_id>/cases/new/",
        cases.case_new,
        name="case_new",
    ),
    path("cases/", cases.case_list, name="cases"),
    path("cases/register.xlsx", cases.case_export, name="cases_export"),
    path(  # the same pages, by model, for links from a report's cell
        "cases/review/<int:case_id>/",
        cases.case_detail,
        {"kind": "review"},
        name="case_review",
    ),
    path(
        "cases/litigation/<int:case_id>/",
        cases.case_detail,
        {"kind": "litigation"},
        name="case_litigation",
    ),
    path("cases/<str:kind>/<int:case_id>/", cases.case_detail, name="case"),
    path(
        "cases/<str:kind>/<int:case_id>/documents/<int:document_id>/",
        cases.case_document,
        name="case_document",
    ),
    path(
        "cases/<str:kind>/<int:case_id>/<str:step>/",
        cases.case_step,
        name="case_step",
    ),
    path(
        "applications/<int:application_id>/<str:step>/",
        applications.application_step,
        name="application_step",
    ),
    # transfers between agencies (转办, issue 14): 签收 or 退回
    path("transfers/", transfers.transfer_list, name="transfers"),
    path("transfers/<int:transfer_id>/", transfers.transfer_detail, name="transfer"),
    path(
        "transfers/<int:transfer_id>/<str:step>/",
        transfers.transfer_step,
        name="transfer_step",
    ),
    # publishing (主动公开)
    path("items/", items.item_list, name="items"),
    path("items/new/", items.item_new, name="item_new"),
    path("items/<int:item_id>/", items.item_detail, name="item"),
    path("items/<int:item_id>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:item_id>/attach/", items.item_attach, name="item_attach"),
    path(
        "items/<int:item_id>/files/<int:attachment_id>/",
        items.item_attachment,
        name="item_attachment",
    ),
    path("items/<int:item_id>/<str:step>/", items.item_step, name="item_step"),
    # enquiries from the public
    path("enquiries/", enquiries.enquiry_list, name="enquiries"),
    path("enquiries/<int:enquiry_id>/", enquiries.enquiry_detail, name="enquiry"),
    path(
        "enquiries/<int:enquiry_id>/publish/",
        enquiries.enquiry_publish,
        name="enquiry_publish",
    ),
    # activities and attested figures
    path("activities/", activities.activity_list, name="activities"),
    path("attested/", activities.attested_list, name="attested"),
    # supervision of a region
    path("supervision/", supervision.supervision, name="supervision"),
    path("supervision/circular.docx", supervision.circular, name="circular"),
    # 督办 (gongkai.directives): issued from the supervision page, answered by the unit
    path("directives/", directives.directive_list, name="directives"),
    path("directives/new/", directives.directive_new, name="directive_new"),
    path(
        "directives/<int:directive_id>/", directives.directive_detail, name="directive"
    ),
    path(
        "directives/<int:directive_id>/answer/",
        directives.directive_answer,
        name="directive_answer",
    ),
    path(
        "directives/<int:directive_id>/files/<int:file_id>/",
        directives.directive_file,
        name="directive_file",
    ),
    path(
        "directives/<int:directive_id>/<str:step>/",
        directives.directive_step,
        name="directive_step",
    ),
    # background tasks, failed ones first (administrators)
    path("tasks/", tasks.task_list, name="tasks"),
    # the audit of any record
    path("audit/<str:key>/<str:pk>/", audit.audit, name="audit"),
]
