"""The public portal's addresses. Every page here is readable without an account."""

from django.urls import path

from .views import (
    agencies,
    applications,
    catalog,
    column,
    enquiries,
    health,
    home,
    notices,
    reports,
)

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.health, name="health"),
    path("agencies/", agencies.agency_list, name="agencies"),
    path("agencies/<int:agency_id>/", agencies.agency_detail, name="agency"),
    path("agencies/<int:agency_id>/reports/", reports.report_list, name="reports"),
    path(
        "agencies/<int:agency_id>/reports/<int:year>/",
        reports.report_page,
        name="report",
    ),
    path(
        "agencies/<int:agency_id>/reports/<int:year>/report.<str:extension>",
        reports.report_download,
        name="report_download",
    ),
    path("reports/", reports.report_index, name="report_index"),
    path("catalog/", catalog.catalog, name="catalog"),
    path("catalog/<int:item_id>/", catalog.item_detail, name="item"),
    path(
        "catalog/<int:item_id>/files/<int:attachment_id>/",
        catalog.attachment,
        name="attachment",
    ),
    path("agencies/<int:agency_id>/guide/", column.guide, name="guide"),
    # -- the 政府信息公开专栏 of each agency (国办公开办函〔2019〕61号) --
    path("agencies/<int:agency_id>/xxgk/", column.column, name="column"),
    path("agencies/<int:agency_id>/xxgk/rules/", column.rules, name="column_rules"),
    path(
        "agencies/<int:agency_id>/xxgk/statutory/",
        column.statutory,
        name="column_statutory",
    ),
    path("agencies/<int:agency_id>/xxgk/items/", column.items, name="column_items"),
    path(
        "agencies/<int:agency_id>/xxgk/policies/",
        column.policies,
        name="column_policies",
    ),
    path(
        "agencies/<int:agency_id>/xxgk/interpretations/",
        column.interpretations,
        name="interpretations",
    ),
    path(
        "agencies/<int:agency_id>/xxgk/interpretations/<int:interpretation_id>/",
        column.interpretation,
        name="interpretation",
    ),
    path(
        "agencies/<int:agency_id>/xxgk/interpretations/<int:interpretation_id>/graphic",
        column.interpretation_graphic,
        name="interpretation_graphic",
    ),
    path(
        "agencies/<int:agency_id>/xxgk/on-request/",
        column.on_request,
        name="column_on_request",
    ),
    path(
        "agencies/<int:agency_id>/xxgk/application-form.<str:extension>",
        column.application_form,
        name="application_form",
    ),
    path("enquiries/", enquiries.enquiry_list, name="enquiries"),
    path("enquiries/<int:enquiry_id>/", enquiries.enquiry_detail, name="enquiry"),
    path("agencies/<int:agency_id>/ask/", enquiries.enquiry_ask_view, name="ask"),
    path("enquiries/sent/", enquiries.enquiry_sent, name="enquiry_sent"),
    path("apply/", applications.apply_start, name="apply"),
    path("agencies/<int:agency_id>/apply/", applications.apply_form, name="apply_form"),
    path("apply/done/", applications.apply_done, name="apply_done"),
    path("track/", applications.track, name="track"),
    path(
        "track/<str:tracking_number>/",
        applications.track_detail,
        name="track_detail",
    ),
    path(
        "track/<str:tracking_number>/letters/<int:letter_id>/",
        applications.track_letter,
        name="track_letter",
    ),
    path(
        "track/<str:tracking_number>/files/<int:file_id>/",
        applications.track_released_file,
        name="track_released_file",
    ),
    path(
        "track/<str:tracking_number>/letters/<int:letter_id>/pdf/",
        applications.track_letter_pdf,
        name="track_letter_pdf",
    ),
    path(
        "track/<str:tracking_number>/correction/",
        applications.track_correction,
        name="track_correction",
    ),
    path(
        "track/<str:tracking_number>/receipt/",
        applications.track_receipt,
        name="track_receipt",
    ),
    path(
        "track/<str:tracking_number>/sms-stop/",
        notices.track_sms_stop,
        name="track_sms_stop",
    ),
]
