"""Sign-in, and the admin's model permissions held by role.

The admin asks Django's model permissions (``app.change_model``) before it shows a
model. gongkai's roles are its permissions (``accounts.permissions``), so instead
of keeping a second set of grants in step, an active administrator holds every
model permission; what the admin may then do to a model is still limited by its
``ModelAdmin`` (ledger records are view-only or saved through services).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User
from .permissions import Role, effective_role


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
