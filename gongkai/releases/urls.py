"""Addresses of released files: the staff pages under ``/workspace/releases/``. The
applicant's download is the portal's, under their tracking page
(``portal.views.applications.track_released_file``)."""

from django.urls import path

from .views import staff

app_name = "releases"
urlpatterns = [
    path(
        "workspace/releases/application/<int:application_id>/attach/",
        staff.file_attach,
        name="attach",
    ),
    path("workspace/releases/<int:file_id>/", staff.file_detail, name="file"),
    path(
        "workspace/releases/<int:file_id>/pages/<int:page>.png",
        staff.file_preview,
        name="preview",
    ),
    path("workspace/releases/<int:file_id>/review/", staff.file_review, name="review"),
    path("workspace/releases/<int:file_id>/marks/", staff.mark_add, name="mark_add"),
    path(
        "workspace/releases/<int:file_id>/marks/<int:mark_id>/remove/",
        staff.mark_remove,
        name="mark_remove",
    ),
    path(
        "workspace/releases/<int:file_id>/convert/", staff.file_convert, name="convert"
    ),
    path("workspace/releases/<int:file_id>/redact/", staff.file_redact, name="redact"),
    path(
        "workspace/releases/<int:file_id>/release/", staff.file_release, name="release"
    ),
    path(
        "workspace/releases/<int:file_id>/original/",
        staff.file_original,
        name="original",
    ),
    path(
        "workspace/releases/<int:file_id>/redacted.pdf",
        staff.file_redacted,
        name="redacted",
    ),
]
