from django.urls import path

from . import views

app_name = "importer"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("uploads/<uuid:batch>.json", views.batch_state, name="batch_state"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download.<str:extension>", views.download, name="download"),
    path("region/", views.region, name="region"),
    path("agency/", views.agency, name="agency"),
]
