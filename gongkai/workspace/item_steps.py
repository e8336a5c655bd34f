"""Every step of a catalogue item's publishing, as the workspace offers it: the
form asking for the step's facts and the service that takes it. Which steps an
item can take, and who may take each, is the catalogue's own transition table
(``gongkai.catalog.workflow``: 保密审查, 初审、审核、审发, 更正, 撤回); this module
only says how each is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.catalog import services
from gongkai.catalog.models import (
    Disclosure,
    DisclosureBasis,
    DocumentKind,
    Item,
    PublicationChannel,
    Validity,
)
from gongkai.catalog.workflow import TRANSITIONS, actor_problem

from .widgets import DateInput

CORRECTABLE = ("title", "summary", "body")


def _categories() -> list[tuple[str, str]]:
    return [("", "—"), *((c, c) for c in settings.GONGKAI_CATALOG_CATEGORIES)]


class ItemForm(forms.Form):
    """An item's metadata as staff write it (the 索引号 is given, never typed)."""

    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)
    category = forms.ChoiceField(
        label=_("Category"), choices=_categories, required=False
    )
    keywords = forms.CharField(label=_("Keywords"), max_length=200, required=False)
    formed_on = forms.DateField(label=_("Formed on"), widget=DateInput())
    article20_item = forms.IntegerField(
        label=_("Item of Article 20"), min_value=1, max_value=15, required=False
    )
    document_kind = forms.ChoiceField(
        label=_("Document kind"), choices=DocumentKind.choices, required=False
    )
    document_number = forms.CharField(
        label=_("Document number"), max_length=100, required=False
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


class ChannelsForm(forms.Form):
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


class CorrectForm(ReasonForm):
    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea)


class WithdrawForm(ReasonForm):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        initial=_today,
        widget=DateInput(),
    )


def _publish(*, acting_user: Any, item: Item, form: PublishForm) -> Item:
    data = form.cleaned_data
    return services.item_publish(
        acting_user=acting_user,
        item=item,
        channels=form.channel_dates(),
        opinion=data["opinion"],
        privacy_override_reason=data["privacy_override_reason"],
    )


def _add_channels(*, acting_user: Any, item: Item, form: ChannelsForm) -> Item:
    return services.item_channels_add(
        acting_user=acting_user, item=item, channels=form.channel_dates()
    )


def _correct(*, acting_user: Any, item: Item, form: CorrectForm) -> Item:
    data = form.cleaned_data
    changes = {k: data[k] for k in CORRECTABLE if data[k] != getattr(item, k)}
    return services.item_correct(
        acting_user=acting_user, item=item, reason=data["reason"], changes=changes
    )


def _plain(service: Callable[..., Item]) -> Callable[..., Item]:
    """A service whose keyword arguments are the form's fields as they are."""
    return lambda *, acting_user, item, form: service(
        acting_user=acting_user, item=item, **form.cleaned_data
    )


@dataclass(frozen=True)
class ItemStep:
    name: str
    form: type[forms.Form]
    take: Callable[..., Item]

    @property
    def label(self) -> str:
        return TRANSITIONS[self.name].label


STEPS: dict[str, ItemStep] = {
    step.name: step
    for step in (
        ItemStep("submit", NoFieldsForm, _plain(services.item_submit)),
        ItemStep("clear_secrecy", OpinionForm, _plain(services.item_clear_secrecy)),
        ItemStep(
            "pass_first_review", OpinionForm, _plain(services.item_pass_first_review)
        ),
        ItemStep("pass_review", OpinionForm, _plain(services.item_pass_review)),
        ItemStep("publish", PublishForm, _publish),
        ItemStep("return", ReasonForm, _plain(services.item_return)),
        ItemStep("add_channels", ChannelsForm, _add_channels),
        ItemStep("correct", CorrectForm, _correct),
        ItemStep("withdraw", WithdrawForm, _plain(services.item_withdraw)),
    )
}


def steps_for(item: Item, user: Any) -> list[tuple[ItemStep, forms.Form]]:
    """The steps the item can take now that the user may take, each with its
    form (a correction starts from the item's current text)."""
    found = []
    for name, row in TRANSITIONS.items():
        if item.status not in row.sources or name not in STEPS:
            continue
        if actor_problem(row, item=item, user=user) is not None:
            continue
        step = STEPS[name]
        initial = (
            {k: getattr(item, k) for k in CORRECTABLE} if name == "correct" else {}
        )
        found.append((step, step.form(prefix=name, initial=initial)))
    return found
