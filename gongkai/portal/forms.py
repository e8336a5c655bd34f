"""The public's forms: questions to an agency, applications, and tracking one."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gongkai.activities.models import Mailbox
from gongkai.applications.forms import ApplicationDetailsForm
from gongkai.applications.uploads import ACCEPTED_TEXT, megabytes
from gongkai.core.forms import MultipleFileField

from .guard import TOKEN_FIELD, TOKEN_PATTERN, GuardedForm, token_new


class EnquiryForm(GuardedForm):
    mailbox = forms.ChoiceField(
        label=_("Send to"), choices=Mailbox.choices, widget=forms.RadioSelect
    )
    asker_name = forms.CharField(label=_("Your name"), max_length=100)
    asker_contact = forms.CharField(
        label=_("Phone or e-mail"),
        max_length=200,
        help_text=_("Only the agency sees it, to reach you about your question."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    question = forms.CharField(
        label=_("Your question"), widget=forms.Textarea, max_length=5000
    )
    publication_allowed = forms.BooleanField(
        label=_("The question and its answer may be published (without my name)"),
        required=False,
    )

    field_order = [
        "mailbox",
        "asker_name",
        "asker_contact",
        "subject",
        "question",
        "publication_allowed",
        "challenge_answer",
        "website",
    ]


class OnlineApplicationForm(ApplicationDetailsForm, GuardedForm):
    """The public's online application, with the guards against abuse (last)."""

    # Notices go by e-mail and SMS to the contact given (gongkai.notices); the
    # applicant may decline SMS.
    sms_opt_out = forms.BooleanField(
        label=_("Do not send me notices by SMS"),
        required=False,
        help_text=_("E-mail notices and letters are not affected."),
    )

    field_order = [
        *ApplicationDetailsForm.base_fields,
        "sms_opt_out",
        "challenge_answer",
        "website",
    ]


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=32)
    secret = forms.CharField(
        label=_("Query code"),
        max_length=32,
        help_text=_("Given with the tracking number when you applied."),
    )


# -- the applicant's desk on the tracking page ------------------------------------


class OneTimeForm(forms.Form):
    """A tracking-page form: no challenge (the page is behind the query code), but
    the one-time token, so a double click records one answer."""

    submission_token = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields[TOKEN_FIELD].initial = token_new()

    def clean_submission_token(self) -> str:
        token = str(self.cleaned_data.get(TOKEN_FIELD) or "")
        if not TOKEN_PATTERN.fullmatch(token):
            raise forms.ValidationError("表单已失效，请刷新页面后重新填写。")
        return token


class CorrectionAnswerForm(OneTimeForm):
    text = forms.CharField(
        label="补正内容",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="按补正告知书的要求，写明补正后的申请内容。",
    )
    attachments = MultipleFileField(
        label="补正材料",
        required=False,
    )
    field_order = ["text", "attachments"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = (
            f"可上传 {ACCEPTED_TEXT} 文件，每个不超过 "
            f"{megabytes(settings.GONGKAI_UPLOAD_MAX_BYTES)}，"
            f"最多 {settings.GONGKAI_UPLOAD_MAX_FILES} 个。"
        )


class ReceiptForm(OneTimeForm):
    file = forms.FileField(
        label="缴费凭证",
    )
    note = forms.CharField(
        label="备注",
        required=False,
        max_length=300,
        help_text="例如缴费日期、付款人姓名。",
    )
    field_order = ["file", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"转账回单或电子缴款凭证：{ACCEPTED_TEXT} 文件，不超过 "
            f"{megabytes(settings.GONGKAI_UPLOAD_MAX_BYTES)}。"
        )
