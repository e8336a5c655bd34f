"""Sign-in, and the admin's model permissions held by role.

``LockoutBackend`` comes first (``AUTHENTICATION_BACKENDS``): django-axes' check
that refuses a user name locked out from the request's address before any password
is tried. A sign-in on a web page always has a request; one without (a command, the
test client's ``login``) has no address to count and is let through to the next
backend, as Django's own backends do.

The admin asks Django's model permissions (``app.change_model``) before it shows a
model. gongkai's roles are its permissions (``accounts.permissions``), so instead
of keeping a second set of grants in step, an active administrator holds every
model permission; what the admin may then do to a model is still limited by its
``ModelAdmin`` (ledger records are view-only or saved through services).
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User
from .permissions import Role, effective_role


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(
        self, request: HttpRequest | None, *args: Any, **kwargs: Any
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if (
            isinstance(user_obj, User)
            and effective_role(user_obj) == Role.ADMINISTRATOR
        ):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        if (
            isinstance(user_obj, User)
            and effective_role(user_obj) == Role.ADMINISTRATOR
        ):
            return True
        return super().has_module_perms(user_obj, app_label)
