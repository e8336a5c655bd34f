"""Applicants and their applications (依申请公开).

An application's *outcome* (how it ended) is kept apart from its *status* (where it
is): an open application has no outcome and no closing date; a closed one has
exactly one of each. The status is computed by the database from the workflow's
``stage`` and the closing date, so records written without the workflow (imported
history, the demo ledger) have the right status too.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .choices import (
    OPEN_STAGES,
    ApplicantType,
    ApplicationChannel,
    ApplicationStatus,
    DeliveryMethod,
    Ground,
    Outcome,
    RequestedForm,
)


class Applicant(TimeStampedModel):
    """Who applies (第二十九条第二款第一项: name, proof of identity, contact).

    One record per person or organisation, so that an applicant's history can be
    read (repeated and excessive applications, 第三十五条 and 第三十六条第六项; the
    monthly count behind fees, 国办函〔2020〕109号).
    """

    class IdKind(models.TextChoices):
        RESIDENT_ID = "resident_id", _("resident identity card")
        PASSPORT = "passport", _("passport")
        CREDIT_CODE = "credit_code", _("unified social credit code")
        OTHER = "other", _("other document")

    name = models.CharField(_("name"), max_length=200)
    applicant_type = models.CharField(
        _("applicant type"), max_length=20, choices=ApplicantType.choices
    )
    id_kind = models.CharField(
        _("identity document"), max_length=16, choices=IdKind.choices, blank=True
    )
    id_number = models.CharField(
        _("identity document number"), max_length=64, blank=True
    )
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        constraints = [
            models.UniqueConstraint(
                fields=["id_kind", "id_number"],
                condition=~Q(id_number=""),
                name="applicant_identity_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Application(TimeStampedModel):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    tracking_number = models.CharField(_("tracking number"), max_length=32, unique=True)
    submitted_on = models.DateField(
        _("submitted on"),
        null=True,
        blank=True,
        help_text=_("The day the application arrived, before any confirmation."),
    )
    received_on = models.DateField(
        _("received on"),
        null=True,
        blank=True,
        help_text=_("收到申请之日, fixed by Article 31."),
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=ApplicationChannel.choices
    )
    signed_for = models.BooleanField(
        _("signed for"),
        default=False,
        help_text=_(
            "A letter by registered post, received on the day it was signed for."
        ),
    )
    applicant = models.ForeignKey(
        Applicant,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant_type = models.CharField(
        _("applicant type"), max_length=20, choices=ApplicantType.choices
    )
    applicant_name = models.CharField(_("applicant"), max_length=200, blank=True)
    # The applicant's details as given on this application (第二十九条第二款第一项).
    # An application never writes to the registry's ``Applicant``: linking it to
    # one is a staff step (``applicant_link``), and retention clears these fields
    # (``applications_anonymise``).
    applicant_id_kind = models.CharField(
        _("identity document"),
        max_length=16,
        choices=Applicant.IdKind.choices,
        blank=True,
    )
    applicant_id_number = models.CharField(
        _("identity document number"), max_length=64, blank=True
    )
    applicant_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(
        _("postal address"), max_length=300, blank=True
    )
    applicant_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    # The applicant may decline notices by SMS (gongkai.notices): e-mail and
    # letters still reach them.
    sms_opt_out = models.BooleanField(
        _("no SMS notices"),
        default=False,
        help_text=_("The applicant asked not to be sent notices by SMS."),
    )
    anonymised_on = models.DateField(
        _("personal data removed on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Past the retention period of applicants' data."),
    )
    description = models.TextField(_("information requested"), blank=True)
    requested_form = models.CharField(
        _("requested form"),
        max_length=16,
        choices=RequestedForm.choices,
        default=RequestedForm.PAPER,
    )
    delivery_method = models.CharField(
        _("delivery"),
        max_length=16,
        choices=DeliveryMethod.choices,
        default=DeliveryMethod.POST,
    )
    pieces = models.PositiveSmallIntegerField(
        _("pieces"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Requests it counts as, one matter per request (国办函〔2020〕109号)."
        ),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_applications",
    )
    stage = models.CharField(
        _("stage"),
        max_length=24,
        choices=[(s.value, s.label) for s in OPEN_STAGES],
        default=ApplicationStatus.RECEIVED,
    )
    status = models.GeneratedField(
        expression=Case(
            When(
                stage=ApplicationStatus.REOPENED.value,
                then=Value(ApplicationStatus.REOPENED.value),
            ),
            When(closed_on__isnull=False, then=Value(ApplicationStatus.CLOSED.value)),
            default=F("stage"),
        ),
        output_field=models.CharField(max_length=24, choices=ApplicationStatus.choices),
        db_persist=True,
        verbose_name=_("status"),
    )
    due_on = models.DateField(
        _("reply due on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Derived from the deadline ledger; empty while the clock stands."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=Outcome.choices, blank=True
    )
    ground = models.CharField(
        _("ground"), max_length=20, choices=Ground.choices, blank=True
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    answered_on_the_spot = models.BooleanField(
        _("answered on the spot"), default=False, help_text=_("第三十三条第一款")
    )
    extended = models.BooleanField(
        _("reply period extended"), default=False, help_text=_("第三十三条第二款")
    )
    fee_amount = models.DecimalField(
        _("fee collected (yuan)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    referred_to = models.CharField(
        _("competent agency"),
        max_length=300,
        blank=True,
        help_text=_("Name and contact of the agency responsible (第三十六条第五项)."),
    )
    reopened_from = models.ForeignKey(
        "self",
        verbose_name=_("reopened from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    catalogue_item = models.ForeignKey(
        "catalog.Item",
        verbose_name=_("catalogue item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_(
            "Released information offered for proactive disclosure (第四十四条)."
        ),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "closed_on"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["applicant", "received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="application_closed_has_one_outcome",
                condition=(
                    models.Q(closed_on__isnull=True, outcome="")
                    | (models.Q(closed_on__isnull=False) & ~models.Q(outcome=""))
                ),
                violation_error_message=_(
                    "A closed application has exactly one outcome, an open one none."
                ),
            ),
            models.CheckConstraint(
                name="application_closed_after_received",
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("received_on")),
            ),
            models.CheckConstraint(
                name="application_received_unless_unconfirmed",
                condition=models.Q(received_on__isnull=False)
                | models.Q(
                    stage__in=[
                        ApplicationStatus.SUBMITTED.value,
                        ApplicationStatus.UNCONFIRMED.value,
                    ],
                    closed_on__isnull=True,
                ),
                violation_error_message=_(
                    "Only an application awaiting confirmation has no receipt date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def has_contact(self) -> bool:
        """Whether the application carries any of the applicant's contact details."""
        return any(
            (
                self.applicant_phone,
                self.applicant_email,
                self.applicant_address,
                self.applicant_postcode,
            )
        )
