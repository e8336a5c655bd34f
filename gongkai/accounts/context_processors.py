"""What every page's layout needs: the site's name and the user's sections."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .permissions import Permission, effective_role, role_allows


class _Allowed(Mapping[str, bool]):
    """The workspace sections the user's role opens, each worked out when a
    template asks for it: a public page asks for none, and working out all of
    them on every request was a few hundred calls a page."""

    def __init__(self, user: Any) -> None:
        self._user = user
        self._known: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._known:
            try:
                action = Permission[name.upper()]
            except KeyError:
                raise KeyError(name) from None
            self._known[name] = role_allows(self._user, action)
        return self._known[name]

    def __iter__(self) -> Iterator[str]:
        return (action.name.lower() for action in Permission)

    def __len__(self) -> int:
        return len(Permission)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``site_name``, and ``may``: the workspace sections the user's role opens
    (``may.region_supervise``…), so a menu shows only what the user can use."""
    user = getattr(request, "user", None)
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "may": _Allowed(user),
        "user_role": effective_role(user),
    }
