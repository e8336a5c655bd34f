"""The working-day calendar as data: holidays and make-up working days (调休), per year.

Each year the State Council's notice (《国务院办公厅关于YYYY年部分节假日安排的通知》)
says which days are off and which weekend days are worked. A ``CalendarYear`` says
that a year's schedule is loaded (and from where); its ``CalendarDay`` rows are the
days that differ from an ordinary Monday-to-Friday week. Everything else is implied:
a weekday not listed is worked, a weekend day not listed is off.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class Source(models.TextChoices):
    PACKAGE = "package", _("chinesecalendar package")
    STAFF = "staff", _("entered by staff")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "休息（节假日）"
    WORKDAY = "workday", "上班（调休）"


class CalendarYear(TimeStampedModel):
    """A year whose schedule is known. Dates in a year without one are counted with
    the holidays the law fixes (``statutory``), provisionally, until staff enter it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.STAFF
    )
    notice = models.CharField(
        _("notice"),
        max_length=200,
        blank=True,
        help_text=_("The State Council notice the schedule comes from."),
    )

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class CalendarDay(TimeStampedModel):
    """A day that differs from the ordinary week: a holiday on a weekday (or any day
    of a holiday block), or a weekend day that is worked."""

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The festival, e.g. 春节.")
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.STAFF
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}"
