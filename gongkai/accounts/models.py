"""Users, their role and the agency whose records they may touch."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", _("Agency staff")
        REVIEWER = "reviewer", _("Reviewer")
        OFFICE_HEAD = "office_head", _("Office head")
        SUPERVISOR = "supervisor", _("Supervisor of a region")
        ADMINISTRATOR = "administrator", _("Administrator")

    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.STAFF
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Staff act for this agency; a supervisor reads its whole subtree."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        """A Chinese name: the family name first, with no space (王小明)."""
        return f"{self.last_name}{self.first_name}".strip()
