"""The site's addresses: the public portal at the root, the staff workspace under
``/workspace/``, sign-in under ``/accounts/``, Django's admin for reference data,
a read-only JSON API under ``/api/v1/``, and the static files, which gongkai
serves itself (no CDN; nginx may take them over in a deployment,
docs/how-to/deploy.md)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from gongkai.portal.api import api
from gongkai.portal.static_files import static_file

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("gongkai.accounts.urls")),
    path("workspace/", include("gongkai.workspace.urls")),
    path("workspace/import/", include("gongkai.importer.urls")),
    path("api/v1/", api.urls),  # read-only JSON for programs (gongkai.portal.api)
    path(f"{settings.STATIC_URL.strip('/')}/<path:path>", static_file, name="static"),
    # Released files: staff pages under workspace/releases/, the applicant's
    # download under track/<number>/files/ (gongkai.releases).
    path("", include("gongkai.releases.urls")),
    path("", include("gongkai.portal.urls")),
]
