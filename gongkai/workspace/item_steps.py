"""Every step of a catalogue item's publishing, as the workspace offers it: the
form asking for the step's facts and the service that takes it. Which steps an
item can take, and who may take each, is the catalogue's own transition table
(``gongkai.catalog.workflow``: 保密审查, 初审、审核、审发, 更正, 撤回) and the
permissions it names; this module only says how each is asked for. The services
refuse what the user may not do; the page only leaves out the buttons of steps
the user's role or scope does not cover.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, can
from gongkai.agencies.forms import AdjustmentForm
from gongkai.catalog import privacy, services
from gongkai.catalog.models import (
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    Item,
    PrivacyScan,
    PublicationChannel,
    Validity,
)
from gongkai.catalog.selectors import categories_for
from gongkai.catalog.services.privacy import (
    TEXT_FIELDS,
    active_patterns,
    content_digest,
)
from gongkai.catalog.workflow import ITEM_WORKFLOW, RETURN_FROM, ItemStep

from .widgets import DateInput

CORRECTABLE = ("title", "summary", "body")


class ItemForm(forms.Form):
    """An item's metadata as staff write it (the 索引号 is given, never typed)."""

    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)
    category = forms.ChoiceField(label=_("Category"), required=False)
    keywords = forms.CharField(label=_("Keywords"), max_length=200, required=False)
    formed_on = forms.DateField(label=_("Formed on"), widget=DateInput())
    article20_item = forms.IntegerField(
        label=_("Item of Article 20"), min_value=1, max_value=15, required=False
    )
    document_kind = forms.ChoiceField(
        label=_("Document kind"), choices=DocumentKind.choices, required=False
    )
    document_number = forms.CharField(
        label=pgettext_lazy("issued document", "Document number"),
        max_length=100,
        required=False,
    )
    validity = forms.ChoiceField(
        label=_("Validity"), choices=Validity.choices, required=False
    )
    disclosure = forms.ChoiceField(
        label=_("Disclosure attribute"),
        choices=Disclosure.choices,
        initial=Disclosure.PROACTIVE,
    )
    disclosure_basis = forms.ChoiceField(
        label=_("Legal basis of the attribute"),
        choices=DisclosureBasis.choices,
        required=False,
    )
    disclosure_reason = forms.CharField(
        label=_("Reason for the attribute"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, agency_id: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # The agency's 主动公开基本目录: the shared 通用目录 and its own categories.
        field = cast("forms.ChoiceField", self.fields["category"])
        field.choices = [
            ("", "—"),
            *((c.name, c.name) for c in categories_for(agency_id)),
        ]

    def fields_for_service(self) -> dict[str, Any]:
        """Only what was given: an empty optional field stays the model's default."""
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


def _today() -> date:
    return timezone.localdate()


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoFieldsForm(forms.Form):
    pass


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ChannelsForm(AdjustmentForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=PublicationChannel.choices,
        initial=[PublicationChannel.WEBSITE],
        widget=forms.CheckboxSelectMultiple,
    )
    published_on = forms.DateField(
        label=_("Published on"),
        initial=_today,
        widget=DateInput(),
    )

    def channel_dates(self) -> dict[str, date]:
        day = self.cleaned_data["published_on"]
        return dict.fromkeys(self.cleaned_data["channels"], day)


class PublishForm(ChannelsForm, OpinionForm):
    privacy_override_reason = forms.CharField(
        label=_("Why publish despite the privacy findings"),
        required=False,
        help_text=_("Only when the privacy scan found something and it may stay."),
    )


class CorrectForm(ReasonForm, AdjustmentForm):
    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)


class WithdrawForm(ReasonForm, AdjustmentForm):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        initial=_today,
        widget=DateInput(),
    )


def _publish(*, acting_user: User, item: Item, form: PublishForm) -> Item:
    data = form.cleaned_data
    return services.item_publish(
        acting_user=acting_user,
        item=item,
        channels=form.channel_dates(),
        opinion=data["opinion"],
        privacy_override_reason=data["privacy_override_reason"],
        adjustment=data["adjustment"],
    )


def _add_channels(*, acting_user: User, item: Item, form: ChannelsForm) -> Item:
    return services.item_channels_add(
        acting_user=acting_user,
        item=item,
        channels=form.channel_dates(),
        adjustment=form.cleaned_data["adjustment"],
    )


def _correct(*, acting_user: User, item: Item, form: CorrectForm) -> Item:
    data = form.cleaned_data
    changes: services.ItemChanges = {}
    for name in CORRECTABLE:
        if data[name] != getattr(item, name):
            changes[name] = data[name]  # type: ignore[literal-required]
    return services.item_correct(
        acting_user=acting_user,
        item=item,
        reason=data["reason"],
        changes=changes,
        adjustment=data["adjustment"],
    )


def _plain(service: Callable[..., Item]) -> Callable[..., Item]:
    """A service whose keyword arguments are the form's fields as they are."""
    return lambda *, acting_user, item, form: service(
        acting_user=acting_user, item=item, **form.cleaned_data
    )


@dataclass(frozen=True)
class StepForm:
    """How the page asks for one step of the table: its form and its service."""

    name: str
    form: type[forms.Form]
    take: Callable[..., Item]

    @property
    def label(self) -> str:
        return ITEM_WORKFLOW.row(self.name).label


_RETURN = [
    StepForm(step, ReasonForm, _plain(services.item_return))
    for step in RETURN_FROM.values()
]

STEPS: dict[str, StepForm] = {
    step.name: step
    for step in (
        StepForm(ItemStep.SUBMIT, NoFieldsForm, _plain(services.item_submit)),
        StepForm(
            ItemStep.CLEAR_SECRECY, OpinionForm, _plain(services.item_clear_secrecy)
        ),
        StepForm(
            ItemStep.PASS_FIRST_REVIEW,
            OpinionForm,
            _plain(services.item_pass_first_review),
        ),
        StepForm(ItemStep.PASS_REVIEW, OpinionForm, _plain(services.item_pass_review)),
        StepForm(ItemStep.PUBLISH, PublishForm, _publish),
        *_RETURN,
        StepForm(ItemStep.ADD_CHANNELS, ChannelsForm, _add_channels),
        StepForm(ItemStep.CORRECT, CorrectForm, _correct),
        StepForm(ItemStep.WITHDRAW, WithdrawForm, _plain(services.item_withdraw)),
    )
}


def steps_for(item: Item, user: Any) -> list[tuple[StepForm, forms.Form]]:
    """The steps the item can take now that the user's role and scope cover, each
    with its form (a correction starts from the item's current text)."""
    found = []
    for row in ITEM_WORKFLOW.steps_from(item.status):
        step = STEPS.get(row.step)
        if step is None or row.permission is None:
            continue
        if not can(user, Permission(row.permission), item.agency):
            continue
        initial = (
            {k: getattr(item, k) for k in CORRECTABLE}
            if row.step == ItemStep.CORRECT
            else {}
        )
        found.append((step, step.form(prefix=row.step, initial=initial)))
    return found


@dataclass(frozen=True)
class PrivacyFindings:
    """What the privacy scan finds in an item's content as it is now, for the
    item's page at every step (after an upload, at each review): where, what kind,
    the number masked; the files it could not read; and the override, if a
    reviewer let the current content through."""

    findings: list[dict[str, str]]
    unscannable: list[dict[str, str]]
    overridden: PrivacyScan | None

    @property
    def clean(self) -> bool:
        return not self.findings and not self.unscannable


def privacy_findings(item: Item) -> PrivacyFindings:
    """The stored scan of the item's current content when there is one (it keeps
    the override), else the same scan run now without storing it: the page only
    reads; the services scan and store at submission and publication."""
    scan = item.privacy_scans.filter(content_digest=content_digest(item)).first()
    if scan is not None:
        overridden = scan if scan.overridden_at else None
        return PrivacyFindings(list(scan.findings), list(scan.unscannable), overridden)
    patterns = active_patterns()
    found = [
        _finding(finding, where)
        for field, where in TEXT_FIELDS
        for finding in privacy.scan(getattr(item, field), patterns)
    ]
    unscannable = []
    for attachment in item.attachments.order_by("id"):
        if not attachment.scannable:
            unscannable.append(
                {"where": f"附件《{attachment.name}》", "problem": attachment.problem}
            )
        for segment in attachment.segments:
            where = f"附件《{attachment.name}》{segment['where']}"
            found += [
                _finding(f, where) for f in privacy.scan(segment["text"], patterns)
            ]
    return PrivacyFindings(found, unscannable, None)


def _finding(finding: privacy.Finding, where: str) -> dict[str, str]:
    return {"where": where, "label": finding.label, "masked": finding.masked}
