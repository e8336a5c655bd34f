"""Letters to applicants and consulted parties, the templates staff edit, and the
proof that each letter was served (送达)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.files import RandomName
from gongkai.core.models import TimeStampedModel

from .application import Application
from .choices import DeliveryMethod


class LetterTemplate(TimeStampedModel):
    """The text of one kind of letter, in Django's template language.

    ``key`` is a letter kind (``correction``, ``fee``…) or ``reply.<outcome>`` for
    the reply of each outcome. A template without an agency is everyone's default
    (shipped with gongkai, editable); an agency's own template overrides it.
    """

    key = models.CharField(_("letter"), max_length=48)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter_templates",
        help_text=_("Empty: the default for every agency."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Paragraphs separated by blank lines; {{ placeholders }} are filled in."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "agency"], name="letter_template_unique_per_agency"
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(agency__isnull=True),
                name="letter_template_one_default",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Letter(TimeStampedModel):
    """A letter as issued: its number, its text and the DOCX file, kept as sent."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="letters",
    )
    key = models.CharField(_("letter"), max_length=48)
    number = models.CharField(_("document number"), max_length=100)
    recipient = models.CharField(_("recipient"), max_length=300)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    issued_on = models.DateField(_("issued on"))
    # Stored under a random name (gongkai.core.files): the path does not give away
    # the tracking number; the download is named from the title and number.
    file = models.FileField(_("file"), upload_to=RandomName("letters"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Delivery(TimeStampedModel):
    """How and when a letter reached its recipient, with the proof (送达回证, a
    postal tracking number, an e-mail receipt). The applicant's time to seek review
    or sue runs from it."""

    letter = models.ForeignKey(
        Letter,
        verbose_name=_("letter"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    method = models.CharField(
        _("method"), max_length=16, choices=DeliveryMethod.choices
    )
    delivered_on = models.DateField(_("delivered on"))
    proof = models.CharField(_("proof"), max_length=300)
    # By post: the tracking number and the day posted (``delivered_on`` is the day
    # signed for). Electronically: when the letter became available to the
    # applicant (``delivered_on`` follows from it, ``services.served_electronically``).
    tracking_number = models.CharField(
        _("postal tracking number"), max_length=40, blank=True
    )
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    available_at = models.DateTimeField(
        _("available to the applicant at"), null=True, blank=True
    )
    proof_file = models.FileField(
        _("proof document"), upload_to=RandomName("deliveries"), blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.letter} {self.delivered_on}"
