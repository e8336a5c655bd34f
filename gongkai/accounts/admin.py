"""The users in the admin, and who may open the admin at all.

The admin is the administrators' tool. Agency staff, reviewers, office heads and
supervisors work in the workspace, whose pages go through the services (role, scope,
workflow, period lock, one event each); the admin shows every agency's records side
by side, so it is closed to them even when their account has ``is_staff``.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import User
from .permissions import Role, effective_role


def administrators_only(request: HttpRequest) -> bool:
    """Whether the signed-in user may open /admin/: an active account with
    ``is_staff`` (Django's switch for the admin) acting as an administrator (the
    administrator role, or a superuser). Anyone else is shown the admin's sign-in
    page, which says the account may not open it."""
    user = request.user
    return (
        user.is_active and user.is_staff and effective_role(user) == Role.ADMINISTRATOR
    )


# Once for the whole site, so that no model's admin can forget it: every admin page
# (lists, forms, actions, the index) asks the site first.
admin.site.has_permission = administrators_only  # type: ignore[method-assign]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Disclosure work"), {"fields": ["role", "agency"]}),
    )
    list_display = [
        "username",
        "last_name",
        "first_name",
        "role",
        "agency",
        "is_active",
    ]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["agency"]
