from django.urls import path

from . import views

app_name = "importer"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download.<str:extension>", views.download, name="download"),
    path("region/", views.region, name="region"),
    path("agency/", views.agency, name="agency"),
]
