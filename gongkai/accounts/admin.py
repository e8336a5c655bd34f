from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
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
