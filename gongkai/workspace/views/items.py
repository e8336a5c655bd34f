"""Publishing (主动公开) in the workspace: the lists, a new item, its draft, its
attachments, and every step from secrecy review to publication, correction and
withdrawal. The views find the record within the user's reach and call one
service; the service decides whether the user may (role, scope, the workflow,
the period lock) and the page shows its refusal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import (
    Permission,
    agencies_in_scope,
    requires,
    signed_in,
)
from gongkai.catalog import selectors, services
from gongkai.catalog.models import Attachment, Item, ItemStatus
from gongkai.core.files import download

from ..audit import entries_for
from ..forms import AgencyChoiceMixin, AttachForm
from ..item_steps import STEPS, ItemForm, privacy_findings, steps_for
from ..queues import items_awaiting
from .common import record_for, refusal

PER_PAGE = 30
LISTS = {
    "drafts": _("Drafts"),
    "awaiting": _("Waiting for my review"),
    "in_review": _("In review"),
    "published": _("Published"),
    "overdue": _("Overdue for publication"),
    "withdrawn": _("Withdrawn"),
}
IN_REVIEW = [
    ItemStatus.SECRECY_REVIEW,
    ItemStatus.FIRST_REVIEW,
    ItemStatus.REVIEW,
    ItemStatus.SIGN_OFF,
]


class NewItemForm(ItemForm, AgencyChoiceMixin):
    field_order = ["agency"]


def _listed(name: str, request: HttpRequest) -> QuerySet[Item]:
    ids = agencies_in_scope(request.user).values("pk")
    if name == "awaiting":
        return items_awaiting(request.user, agency_ids=ids)
    if name == "overdue":
        return selectors.items_overdue(agency_ids=ids, today=timezone.localdate())
    statuses = {
        "drafts": [ItemStatus.DRAFT],
        "in_review": IN_REVIEW,
        "published": [ItemStatus.PUBLISHED],
        "withdrawn": [ItemStatus.WITHDRAWN],
    }[name]
    return Item.objects.filter(agency_id__in=ids, status__in=statuses).order_by(
        "-updated_at"
    )


@requires(Permission.ITEM_VIEW)
def item_list(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("list", "drafts")
    if name not in LISTS:
        raise Http404("没有这个列表")
    items = _listed(name, request).select_related("agency")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "list": name,
        "lists": LISTS,
        "query_string": f"list={name}",
    }
    return render(request, "workspace/item_list.html", context)


@requires(Permission.ITEM_EDIT)
def item_new(request: HttpRequest) -> HttpResponse:
    form = NewItemForm(
        request.POST or None, agency_id=getattr(request.user, "agency_id", None)
    )
    form.limit_agencies(agencies_in_scope(request.user))
    if request.method == "POST" and form.is_valid():
        fields = form.fields_for_service()
        agency = fields.pop("agency")
        try:
            item = services.item_record(
                acting_user=signed_in(request), agency=agency, **fields
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Recorded with index number %(number)s.")
                % {"number": item.index_number},
            )
            return redirect("workspace:item", item.pk)
    return render(request, "workspace/item_form.html", {"form": form})


def _form_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@requires(Permission.ITEM_VIEW)
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = record_for(request, Item, item_id, Permission.ITEM_VIEW)
    context = {
        "item": item,
        "steps": steps_for(item, request.user),
        "attachments": item.attachments.all(),
        "channels": item.channels.order_by("published_on"),
        "history": entries_for(item),
        "attach_form": AttachForm(),
        "may_edit": item.status == ItemStatus.DRAFT,
        "privacy": (
            privacy_findings(item)
            if item.status in (ItemStatus.DRAFT, *IN_REVIEW)
            else None
        ),
    }
    return render(request, "workspace/item_detail.html", context)


@requires(Permission.ITEM_EDIT)
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = record_for(request, Item, item_id, Permission.ITEM_EDIT)
    initial = {name: getattr(item, name) for name in ItemForm.base_fields}
    form = ItemForm(request.POST or None, initial=initial, agency_id=item.agency_id)
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        try:
            services.item_update(acting_user=signed_in(request), item=item, **changes)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("workspace:item", item.pk)
    return render(request, "workspace/item_form.html", {"form": form, "item": item})


@require_POST
@requires(Permission.ITEM_EDIT)
def item_step(request: HttpRequest, item_id: int, step: str) -> HttpResponse:
    """Take one step; the catalogue's services check the workflow and the role."""
    item = record_for(request, Item, item_id, Permission.ITEM_VIEW)
    spec = STEPS.get(step)
    if spec is None:
        raise Http404("没有这个步骤")
    form = spec.form(request.POST, prefix=step)
    if not form.is_valid():
        for field, errors in form.errors.items():
            listed = "；".join(str(e) for e in errors)
            messages.error(request, f"{spec.label}：{field} {listed}")
        return redirect("workspace:item", item.pk)
    try:
        spec.take(acting_user=signed_in(request), item=item, form=form)
    except ValidationError as error:
        refusal(request, error)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": spec.label})
    return redirect("workspace:item", item.pk)


@requires(Permission.ITEM_VIEW)
def item_attachment(
    request: HttpRequest, item_id: int, attachment_id: int
) -> HttpResponseBase:
    """A file of an item, draft or not, for staff who may see the item."""
    item = record_for(request, Item, item_id, Permission.ITEM_VIEW)
    found = get_object_or_404(Attachment, pk=attachment_id, item=item)
    if not found.file:
        raise Http404("该附件没有文件")
    return download(found.file, filename=found.name)


@require_POST
@requires(Permission.ITEM_EDIT)
def item_attach(request: HttpRequest, item_id: int) -> HttpResponse:
    item = record_for(request, Item, item_id, Permission.ITEM_VIEW)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.item_attach(
                acting_user=signed_in(request), item=item, file=upload, name=upload.name
            )
        except ValidationError as error:
            refusal(request, error)
        else:
            messages.success(request, _("Attached %(name)s.") % {"name": upload.name})
    else:
        messages.error(request, _("Choose a file to upload."))
    return redirect("workspace:item", item.pk)
