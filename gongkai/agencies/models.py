"""Agencies (a tree), their yearly disclosure set-up, attested figures, and (in
``guide.py``) each agency's guide."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .codes import is_valid_credit_code
from .guide import Guide as Guide  # a model of this app, in its own module


def validate_credit_code(value: str) -> None:
    if not is_valid_credit_code(value):
        raise ValidationError(
            _("%(code)s is not a valid unified social credit code."),
            params={"code": value},
        )


class Agency(TimeStampedModel):
    """An administrative organ: a government, a department, or an authorised body.

    The tree is kept as a materialised ``path`` ("/1/7/31/") so that a region's
    report can select a whole subtree with one indexed prefix match.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", "国家级"
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡级"

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        DISPATCHED = "dispatched", "派出机构、内设机构"
        AUTHORISED = "authorised", "法律法规授权组织"

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {}
        self.path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        super().save(*args, **kwargs)

    def subtree(self) -> models.QuerySet["Agency"]:
        """This agency and every agency under it."""
        return Agency.objects.filter(path__startswith=self.path)

    @property
    def depth(self) -> int:
        """How far down the tree it is: 0 at the top."""
        return self.path.count("/") - 2

    def lineage_ids(self) -> list[int]:
        """The ids of the agencies from the top of the tree down to this one."""
        return [int(pk) for pk in str(self.path).strip("/").split("/") if pk]


class AgencyYear(TimeStampedModel):
    """An agency's disclosure set-up in one year: office, staff and budget."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    office_name = models.CharField(_("disclosure office"), max_length=200, blank=True)
    dedicated_offices = models.PositiveSmallIntegerField(
        _("dedicated disclosure offices"), default=0
    )
    full_time_staff = models.PositiveSmallIntegerField(_("full-time staff"), default=0)
    part_time_staff = models.PositiveSmallIntegerField(_("part-time staff"), default=0)
    budget = models.DecimalField(
        _("special budget (10,000 yuan)"),
        max_digits=12,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("agency year")
        verbose_name_plural = _("agency years")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="agency_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class QueryPoint(TimeStampedModel):
    """A place where the public can read disclosed information (查阅点, Art. 25)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="query_points",
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed down on"), null=True, blank=True)

    class Meta:
        verbose_name = _("query point")
        verbose_name_plural = _("query points")

    def __str__(self) -> str:
        return self.name


class Gathering(TimeStampedModel):
    """Something held on a day with people attending: a meeting or a training."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    held_on = models.DateField(_("held on"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    attendees = models.PositiveIntegerField(_("attendees"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class Meeting(Gathering):
    """A disclosure work meeting or a meeting on a disclosure topic."""

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")


class Training(Gathering):
    """A training course on disclosure work, with the number of people trained."""

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")


class AttestedFigure(TimeStampedModel):
    """A figure held by another system (licensing, penalties, fees, procurement...).

    gongkai does not keep those records, so the figure is entered by a person who
    answers for it, with the document it comes from. The keys are listed in
    ``gongkai.agencies.attested``.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="attested",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    key = models.CharField(_("figure"), max_length=64)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    source_document = models.CharField(_("source document"), max_length=300)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attested by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    attested_at = models.DateTimeField(_("attested at"))

    class Meta:
        verbose_name = _("attested figure")
        verbose_name_plural = _("attested figures")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "key"], name="attested_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.key}={self.value}"


class ClosedYear(models.Model):
    """A year of an agency whose annual report is published: its records are locked
    (``gongkai.agencies.periods``)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="closed_years",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("closed year")
        verbose_name_plural = _("closed years")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="closed_year_once_per_agency_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class Adjustment(models.Model):
    """A change to a record counted in a closed year, made on purpose with a reason."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    reason = models.TextField(_("reason"))
    what = models.CharField(_("what changed"), max_length=200, blank=True)
    record_label = models.CharField(_("record"), max_length=200, blank=True)
    made_at = models.DateTimeField(_("made at"), auto_now_add=True, db_index=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["agency", "year", "made_at"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.what or self.reason[:40]}"
