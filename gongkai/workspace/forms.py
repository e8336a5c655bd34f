"""The workspace's forms. Labels are English msgids (translated); the law's terms
stay verbatim Chinese."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.activities.models import ActivityKind, ResponseChannel
from gongkai.agencies.forms import AdjustmentForm
from gongkai.agencies.models import Agency
from gongkai.applications.forms import ApplicationDetailsForm
from gongkai.applications.models import ApplicationChannel, DeliveryMethod
from gongkai.reports.data import Section

from .widgets import DateInput


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReturnForm(ReasonForm):
    """The office head sends a report back, saying what to change."""


class CorrectionForm(ReasonForm):
    """A published report is corrected only with the reason, published with it."""


class NarrativeForm(forms.Form):
    """One text area per narrative section of the report (a section with a key),
    filled with what is there now (what staff wrote, else gongkai's draft)."""

    def __init__(self, *args: Any, sections: list[Section], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = [s.key for s in sections if s.key]
        for section in sections:
            if not section.key:
                continue
            self.fields[section.key] = forms.CharField(
                label=section.heading,
                initial=section.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 10}),
            )

    def changed_texts(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in self.changed_data}


class AnswerForm(AdjustmentForm):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea)
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput())


class AgencyChoiceMixin(forms.Form):
    """An agency field limited to the user's scope, hidden when there is one."""

    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none()
    )

    def limit_agencies(self, agencies: QuerySet[Agency]) -> None:
        field = cast("forms.ModelChoiceField[Agency]", self.fields["agency"])
        field.queryset = agencies
        if len(agencies) == 1:
            field.initial = agencies[0]
            field.widget = forms.HiddenInput()


class ActivityForm(AgencyChoiceMixin, AdjustmentForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    principal_leader = forms.BooleanField(
        label=_("The principal leader took part"), required=False
    )
    participants = forms.IntegerField(label=_("Participants"), min_value=0, initial=0)
    feedback_count = forms.IntegerField(
        label=_("Feedback received"), min_value=0, initial=0
    )
    opinions_received = forms.IntegerField(
        label=_("Opinions received"), min_value=0, initial=0
    )
    opinions_not_adopted = forms.IntegerField(
        label=_("Opinions not adopted"), min_value=0, initial=0
    )
    result_published = forms.BooleanField(
        label=_("Result published (proposals)"), required=False
    )
    channels = forms.MultipleChoiceField(
        label=_("Ways of responding (responses to public concern)"),
        choices=ResponseChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class AttestedFigureForm(AgencyChoiceMixin, AdjustmentForm):
    year = forms.IntegerField(label=_("Year"), min_value=2008, max_value=2100)
    key = forms.ChoiceField(label=_("Figure"))
    value = forms.DecimalField(label=_("Value"), max_digits=16, decimal_places=4)
    source_document = forms.CharField(
        label=_("Source document"),
        max_length=300,
        help_text=_("The document of the system that holds the records."),
    )

    def __init__(self, *args: Any, keys: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        key = cast(forms.ChoiceField, self.fields["key"])
        key.choices = list(keys.items())


class RegisterForm(ApplicationDetailsForm, AgencyChoiceMixin):
    """An application received on paper, in person, by post or fax, registered by
    staff (its receipt day fixed by 第三十一条)."""

    channel = forms.ChoiceField(label=_("Channel"), choices=ApplicationChannel.choices)
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DateInput(),
        help_text=_(
            "In person: the day handed in; by post: the day signed for; online, "
            "fax or e-mail: the day confirmed with the applicant (Article 31)."
        ),
    )
    signed_for = forms.BooleanField(
        label=_("Signed for (registered post)"), required=False
    )

    field_order = ["agency", "channel", "received_on", "signed_for"]


class AttachForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX or an image; its text is scanned for privacy."),
    )


class DeliveryForm(forms.Form):
    """How and when a letter was served (送达): the fields a method needs are
    checked by the service (``applications.services.delivery_record``)."""

    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    delivered_on = forms.DateField(
        label="送达日期（邮寄为签收日期）",
        required=False,
        widget=DateInput(),
        help_text="电子送达不必填写：按可查阅时间确定。",
    )
    tracking_number = forms.CharField(label="邮件号", max_length=40, required=False)
    posted_on = forms.DateField(label="交寄日期", required=False, widget=DateInput())
    available_at = forms.DateTimeField(
        label="电子送达：可查阅时间",
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    proof = forms.CharField(
        label="送达凭证",
        max_length=300,
        required=False,
        help_text="签收人、送达回证编号或电子回执；邮寄和电子送达可不填。",
    )
    proof_file = forms.FileField(label="凭证文件（扫描件）", required=False)
