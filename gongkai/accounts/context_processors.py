"""What every page's layout needs: the site's name and the user's sections."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .permissions import Permission, effective_role, role_allows


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``site_name``, and ``may``: the workspace sections the user's role opens
    (``may.region_supervise``…), so a menu shows only what the user can use."""
    user = getattr(request, "user", None)
    may = {action.name.lower(): role_allows(user, action) for action in Permission}
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "may": may,
        "user_role": effective_role(user),
    }
