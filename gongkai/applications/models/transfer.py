"""A transfer (转办) of an application to the competent agency inside gongkai.

When the agency that holds the information uses gongkai too, telling the applicant
which agency is competent (第三十六条第五项) also sends that agency the application:
a ``Transfer`` keeps the original application (its receipt date), the transferring
agency's note and the day it was sent, until the receiving agency signs for it
(签收: a new application of its own, linked here) or returns it (退回, with a
reason: the sender handles it again). The steps are the table in
``services.transfer`` (``TRANSFER_WORKFLOW``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .application import Application


class TransferState(models.TextChoices):
    PENDING = "pending", "待签收"
    ACCEPTED = "accepted", "已签收"
    RETURNED = "returned", "已退回"


class TransferQuerySet(models.QuerySet["Transfer"]):
    def to_agencies(self, agency_ids: Iterable[Any]) -> TransferQuerySet:
        """Transfers sent to the agencies ``agency_ids`` (ids or a values query)."""
        return self.filter(to_agency_id__in=agency_ids)

    def involving(self, agency_ids: Iterable[Any]) -> TransferQuerySet:
        """Transfers sent by or to the agencies ``agency_ids``."""
        return self.filter(
            Q(to_agency_id__in=agency_ids) | Q(application__agency_id__in=agency_ids)
        )

    def waiting(self) -> TransferQuerySet:
        return self.filter(state=TransferState.PENDING)

    def for_list(self) -> TransferQuerySet:
        return self.select_related(
            "application__agency", "to_agency", "accepted_as"
        ).order_by("-sent_on", "-pk")


class Transfer(TimeStampedModel):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application transferred"),
        on_delete=models.PROTECT,
        related_name="transfers",
    )
    to_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("competent agency"),
        on_delete=models.PROTECT,
        related_name="transfers_received",
    )
    note = models.TextField(_("note of the transferring agency"), blank=True)
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=TransferState.choices,
        default=TransferState.PENDING,
    )
    decided_on = models.DateField(_("signed for or returned on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed for or returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    accepted_as = models.OneToOneField(
        Application,
        verbose_name=_("application at the competent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transferred_in",
    )

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        indexes = [
            models.Index(fields=["to_agency", "state"], name="transfer_to_agency_state")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(state="pending"),
                name="transfer_one_pending_per_application",
            ),
            models.CheckConstraint(
                name="transfer_accepted_has_application",
                condition=~Q(state="accepted") | Q(accepted_as__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"转办 {self.application} → {self.to_agency}"

    @property
    def from_agency(self) -> Any:
        return self.application.agency
