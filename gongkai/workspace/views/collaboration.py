"""Working together on an application's page: helpers (协办人), internal notes, a
change of handler with its reason, and the offer of released information to the
catalogue (第四十四条). Each form posts to one service of the applications app,
which authorises and records the event; these views only read the form.

Internal notes are shown on the staff page only: nothing here is reachable from
the public site, and no letter or notice reads them."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from typing import IO, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from gongkai.accounts.models import User
from gongkai.accounts.permissions import (
    Permission,
    can,
    requires,
    roles_granting,
    signed_in,
)
from gongkai.applications.models import Application
from gongkai.applications.services import (
    application_handler_change,
    application_helper_add,
    application_helper_remove,
    application_note_add,
    application_offer_to_catalogue,
)
from gongkai.applications.services.decisions import DISCLOSING
from gongkai.core.workflow import NotPermitted
from gongkai.releases import selectors as release_selectors

from .common import record_for, refusal


def colleagues(application: Application) -> QuerySet[User]:
    """The active staff of the application's agency whose role handles
    applications: who may help, or take over as handler."""
    return User.objects.filter(
        agency_id=application.agency_id,
        is_active=True,
        role__in=roles_granting(Permission.APPLICATION_HANDLE),
    ).order_by("last_name", "first_name", "username")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class HelperForm(forms.Form):
    helper = PersonChoice(label="协办人", queryset=User.objects.none())


class NoteForm(forms.Form):
    text = forms.CharField(
        label="内部备注",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="仅本机关工作人员可见，不会出现在告知书、通知或申请查询页面中。",
    )


class HandlerChangeForm(forms.Form):
    handler = PersonChoice(label="新的承办人", queryset=User.objects.none())
    reason = forms.CharField(
        label="更换理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class OfferForm(forms.Form):
    title = forms.CharField(label="主动公开信息标题", max_length=500)
    summary = forms.CharField(
        label="内容概述",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _with_colleagues(form: forms.Form, application: Application) -> forms.Form:
    for name in ("helper", "handler"):
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = colleagues(application)
    return form


def offer_allowed(application: Application) -> bool:
    """Whether the page offers the 第四十四条 button (the service decides)."""
    return (
        application.outcome in DISCLOSING
        and application.closed_on is not None
        and not application.catalogue_item_id
    )


def collaboration_context(
    request: HttpRequest, application: Application
) -> dict[str, Any]:
    """The application page's part: helpers, internal notes, the forms to add
    them and to change the handler, and the offer to the catalogue."""
    handles = can(request.user, Permission.APPLICATION_HANDLE, application.agency)
    offers = (
        handles
        and offer_allowed(application)
        and can(request.user, Permission.ITEM_EDIT, application.agency)
    )
    return {
        "helpers": application.helpers.select_related("user", "added_by"),
        "internal_notes": application.internal_notes.select_related("author"),
        "helper_form": _with_colleagues(HelperForm(prefix="helper"), application)
        if handles
        else None,
        "note_form": NoteForm(prefix="note") if handles else None,
        "handler_form": _with_colleagues(
            HandlerChangeForm(prefix="handler"), application
        )
        if handles and application.closed_on is None and application.handler_id
        else None,
        "offer_form": OfferForm(
            prefix="offer",
            initial={"title": _title_from(application)},
        )
        if offers
        else None,
        "catalogue_item": application.catalogue_item
        if application.catalogue_item_id
        else None,
    }


def _title_from(application: Application) -> str:
    first = (application.description.strip().splitlines() or [""])[0]
    return first[:100]


def _posted(
    request: HttpRequest, form: forms.Form, application: Application, what: str
) -> bool:
    if form.is_valid():
        return True
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        messages.error(request, f"{what}：{label} {'；'.join(map(str, errors))}")
    return False


def _application(request: HttpRequest, application_id: int) -> Application:
    return record_for(request, Application, application_id, Permission.APPLICATION_VIEW)


def _taken(request: HttpRequest, step: Callable[[], object], done: str) -> None:
    """Take one step through its service: its refusal becomes a message on the
    page; a user it does not allow at all gets 403 (``NotPermitted`` goes on)."""
    try:
        step()
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, done)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_helper_add_view(
    request: HttpRequest, application_id: int
) -> HttpResponse:
    application = _application(request, application_id)
    form = _with_colleagues(HelperForm(request.POST, prefix="helper"), application)
    if _posted(request, form, application, "添加协办人"):
        _taken(
            request,
            lambda: application_helper_add(
                acting_user=signed_in(request),
                application=application,
                helper=form.cleaned_data["helper"],
            ),
            "已添加协办人。",
        )
    return redirect("workspace:application", application.pk)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_helper_remove_view(
    request: HttpRequest, application_id: int, user_id: int
) -> HttpResponse:
    application = _application(request, application_id)
    helper = application.helpers.filter(user_id=user_id).first()
    if helper is None:
        messages.error(request, "没有这个协办人。")
    else:
        _taken(
            request,
            lambda: application_helper_remove(
                acting_user=signed_in(request),
                application=application,
                helper=helper.user,
            ),
            "已移除协办人。",
        )
    return redirect("workspace:application", application.pk)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_note_add_view(
    request: HttpRequest, application_id: int
) -> HttpResponse:
    application = _application(request, application_id)
    form = NoteForm(request.POST, prefix="note")
    if _posted(request, form, application, "内部备注"):
        _taken(
            request,
            lambda: application_note_add(
                acting_user=signed_in(request),
                application=application,
                text=form.cleaned_data["text"],
            ),
            "已添加内部备注。",
        )
    return redirect("workspace:application", application.pk)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_handler_change_view(
    request: HttpRequest, application_id: int
) -> HttpResponse:
    application = _application(request, application_id)
    form = _with_colleagues(
        HandlerChangeForm(request.POST, prefix="handler"), application
    )
    if _posted(request, form, application, "更换承办人"):
        _taken(
            request,
            lambda: application_handler_change(
                acting_user=signed_in(request),
                application=application,
                handler=form.cleaned_data["handler"],
                reason=form.cleaned_data["reason"],
            ),
            "已更换承办人。",
        )
    return redirect("workspace:application", application.pk)


@require_POST
@requires(Permission.APPLICATION_HANDLE)
def application_offer_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """第四十四条: a draft catalogue item with what the applicant was given (the
    redacted copy of a partial release), for the catalogue's own review."""
    application = _application(request, application_id)
    form = OfferForm(request.POST, prefix="offer")
    if not _posted(request, form, application, "转为主动公开"):
        return redirect("workspace:application", application.pk)
    released = list(release_selectors.files_released(application))
    try:
        with ExitStack() as stack:
            files: list[tuple[str, IO[bytes]]] = []
            for file in released:
                copy, _type = release_selectors.released_copy(file)
                stack.enter_context(copy.open("rb"))
                files.append((file.release_name, copy))
            offered = application_offer_to_catalogue(
                acting_user=signed_in(request),
                application=application,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                files=files,
            )
    except NotPermitted:
        raise
    except ValidationError as error:
        refusal(request, error)
        return redirect("workspace:application", application.pk)
    except OSError:
        messages.error(request, "已公开的文件无法读取，请联系系统管理员。")
        return redirect("workspace:application", application.pk)
    item = offered.catalogue_item
    assert item is not None
    attached = item.attachments.count()
    messages.success(
        request,
        f"已生成主动公开信息草稿，附{attached}个文件，请在“主动公开”中审核发布。",
    )
    if attached < len(released):
        messages.warning(
            request, f"有{len(released) - attached}个文件无法读取，请在草稿中手动添加。"
        )
    return redirect("workspace:item", item.pk)
