"""Admin for notices: the texts staff edit (per agency or everyone's default), and
the notices as sent with their tries (shown, never changed: they change through
their services)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from gongkai.accounts.permissions import signed_in
from gongkai.core.admin import ViewOnlyAdmin, ViewOnlyInline

from .models import Notice, NoticeAttempt, NoticeTemplate
from .services import notice_template_save
from .texts import check_text


class NoticeTemplateForm(forms.ModelForm):
    class Meta:
        model = NoticeTemplate
        fields = ["kind", "channel", "agency", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12, "cols": 100})}

    def clean_subject(self) -> str:
        subject: str = self.cleaned_data["subject"]
        check_text(subject)
        return subject

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        check_text(body)
        return body


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(admin.ModelAdmin):
    """Edit the notices' texts; each save goes through ``notice_template_save``.
    A text not stored here is the one gongkai ships (``defaults.yaml``)."""

    form = NoticeTemplateForm
    list_display = ["kind", "channel", "agency", "updated_by", "updated_at"]
    list_filter = ["channel", ("agency", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "body"]
    list_select_related = ["agency", "updated_by"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: NoticeTemplate, form: Any, change: bool
    ) -> None:
        saved = notice_template_save(
            acting_user=signed_in(request),
            kind=obj.kind,
            channel=obj.channel,
            subject=obj.subject,
            body=obj.body,
            agency=obj.agency,
        )
        obj.pk = saved.pk


class NoticeAttemptInline(ViewOnlyInline):
    model = NoticeAttempt
    fields = ["at", "succeeded", "reference", "error"]
    readonly_fields = ["at", "succeeded", "reference", "error"]


@admin.register(Notice)
class NoticeAdmin(ViewOnlyAdmin):
    list_display = [
        "application",
        "kind",
        "channel",
        "status",
        "attempts",
        "created_at",
    ]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["application__tracking_number"]
    list_select_related = ["application"]
    inlines = [NoticeAttemptInline]
    exclude = ["recipient"]
    readonly_fields = [
        "application",
        "kind",
        "channel",
        "subject",
        "text",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
