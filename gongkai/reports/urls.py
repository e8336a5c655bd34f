from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("reports/<int:agency_id>/<int:year>/", views.report_page, name="report"),
    path(
        "reports/<int:agency_id>/<int:year>/report.<str:extension>",
        views.report_download,
        name="download",
    ),
]
