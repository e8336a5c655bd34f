"""The public portal's addresses. Every page here is readable without an account."""

from django.urls import path

from .views import (
    agencies,
    applications,
    catalog,
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
    path("agencies/<int:agency_id>/guide/", catalog.guide, name="guide"),
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
