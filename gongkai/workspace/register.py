"""The application register (登记簿): the lists of the applications page narrowed by
a plain GET form (search, filters, sort), and the columns an office keeps in its
登记簿, shared by the printed page and the XLSX export (``register_export``).

The register never shows an identity document number or a contact detail; the
applicant's name is shown as the list shows it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.applications.models import (
    PAUSED_STATUSES,
    ApplicantType,
    Application,
    ApplicationChannel,
    ApplicationStatus,
    Outcome,
)
from gongkai.applications.selectors import clock_paused_statuses
from gongkai.applications.workflow import STATUS_NAMES

from .register_export import Column
from .widgets import DateInput

SORTS = {
    "-received_on": ("收件日期（新→旧）", ["-received_on", "-submitted_on", "-pk"]),
    "received_on": ("收件日期（旧→新）", ["received_on", "submitted_on", "pk"]),
    "due_on": ("答复期限（近→远）", ["due_on", "received_on", "pk"]),
    "-closed_on": ("答复日期（新→旧）", ["-closed_on", "-pk"]),
    "tracking_number": ("编号", ["tracking_number"]),
    "applicant_name": ("申请人", ["applicant_name", "pk"]),
}


def _choices(choices: Any) -> list[tuple[str, str]]:
    return [("", "全部"), *[(value, str(label)) for value, label in choices]]


def _day(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DateInput())


class RegisterFilterForm(forms.Form):
    """What narrows the register; every field optional, read from the query
    string so that a filtered register can be bookmarked."""

    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=100,
        help_text="编号、申请人、申请内容或承办人",
    )
    status = forms.ChoiceField(
        label="状态", required=False, choices=_choices(STATUS_NAMES.items())
    )
    outcome = forms.ChoiceField(
        label="答复类型", required=False, choices=_choices(Outcome.choices)
    )
    channel = forms.ChoiceField(
        label="申请方式", required=False, choices=_choices(ApplicationChannel.choices)
    )
    applicant_type = forms.ChoiceField(
        label="申请人类型", required=False, choices=_choices(ApplicantType.choices)
    )
    received_from = _day("收件日期自")
    received_to = _day("收件日期至")
    closed_from = _day("答复日期自")
    closed_to = _day("答复日期至")
    overdue = forms.BooleanField(label="已逾期", required=False)
    extended = forms.BooleanField(label="已延长答复期限", required=False)
    paused = forms.BooleanField(
        label="暂停计时（补正、征求意见、缴费）", required=False
    )
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[("", "默认"), *[(key, label) for key, (label, _o) in SORTS.items()]],
    )

    def narrowed(self, found: QuerySet[Application]) -> QuerySet[Application]:
        """``found`` with the valid filters applied and sorted as asked (an
        invalid field is ignored, and shown with its error)."""
        data = (
            self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        )
        found = found.filter(_search(data.get("q", "")))
        for field in ("status", "outcome", "channel", "applicant_type"):
            if data.get(field):
                found = found.filter(**{field: data[field]})
        found = found.filter(_dates(data))
        if data.get("overdue"):
            found = found.filter(
                closed_on__isnull=True,
                received_on__isnull=False,
                due_on__lt=timezone.localdate(),
            ).exclude(status__in=clock_paused_statuses())
        if data.get("extended"):
            found = found.filter(extended=True)
        if data.get("paused"):
            found = found.filter(closed_on__isnull=True, status__in=PAUSED_STATUSES)
        if data.get("sort") in SORTS:
            found = found.order_by(*SORTS[data["sort"]][1])
        return found

    def described(self) -> list[str]:
        """What narrows the register, as a printed register's subtitle says it
        (搜索：预算, 状态：已办结, 已逾期)."""
        data = getattr(self, "cleaned_data", {})
        said = []
        for name, field in self.fields.items():
            value = data.get(name)
            if name == "sort" or not value:
                continue
            if isinstance(field, forms.BooleanField):
                said.append(str(field.label))
            elif isinstance(field, forms.ChoiceField):
                choices: Any = field.choices
                names = {key: text for key, text in choices}
                said.append(f"{field.label}：{names.get(value, value)}")
            else:
                said.append(f"{field.label}：{value}")
        return said

    @property
    def active(self) -> bool:
        """Whether anything narrows the register (the sort does not)."""
        data = getattr(self, "cleaned_data", {})
        return any(value for key, value in data.items() if key != "sort")


def _search(text: str) -> Q:
    """Every word of ``text`` in the tracking number, the applicant, the request
    or the handler's name."""
    query = Q()
    for word in text.split():
        query &= (
            Q(tracking_number__icontains=word)
            | Q(applicant_name__icontains=word)
            | Q(description__icontains=word)
            | Q(handler__first_name__icontains=word)
            | Q(handler__last_name__icontains=word)
            | Q(handler__username__icontains=word)
        )
    return query


def _dates(data: dict[str, Any]) -> Q:
    query = Q()
    bounds = {
        "received_from": "received_on__gte",
        "received_to": "received_on__lte",
        "closed_from": "closed_on__gte",
        "closed_to": "closed_on__lte",
    }
    for field, lookup in bounds.items():
        if isinstance(data.get(field), date):
            query &= Q(**{lookup: data[field]})
    return query


def register_rows(found: QuerySet[Application]) -> QuerySet[Application]:
    """What each row of the register reads, in one query."""
    return found.select_related("agency", "handler", "reopened_from")


# -- the columns of the 登记簿 -----------------------------------------------------


def _person(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


def remarks(application: Application, today: date | None = None) -> str:
    """The 备注 of one row: what a reader of the register needs beyond the
    columns (paused, extended, overdue, referred, handled again)."""
    today = today or timezone.localdate()
    notes = []
    original = application.reopened_from
    if original is not None:
        notes.append(f"重新办理（原{original.tracking_number}）")
    if application.closed_on is None:
        if application.status in PAUSED_STATUSES:
            notes.append(f"暂停计时：{STATUS_NAMES[application.status]}")
        elif application.received_on is None:
            notes.append("待确认")
        elif application.due_on and application.due_on < today:
            notes.append("已逾期")
    if application.extended:
        notes.append("已延长答复期限")
    if application.referred_to:
        notes.append(f"告知向{application.referred_to}申请")
    if application.status == ApplicationStatus.REOPENED:
        notes.append("已被纠正、重新办理")
    return "；".join(notes)


REGISTER_COLUMNS: list[Column] = [
    Column("收件日期", lambda a: a.received_on, width=12),
    Column("编号", lambda a: a.tracking_number, width=18),
    Column("申请人", lambda a: a.applicant_name, width=16),
    Column("申请内容", lambda a: a.description, width=48, wrap=True),
    Column("承办人", lambda a: _person(a.handler), width=10),
    Column("答复期限", lambda a: a.due_on, width=12),
    Column("答复日期", lambda a: a.closed_on, width=12),
    Column("答复类型", lambda a: a.get_outcome_display() if a.outcome else "", 18),
    Column("送达方式", lambda a: str(a.get_delivery_method_display()), width=10),
    Column("备注", remarks, width=28, wrap=True),
]
