"""The audit of one record: who changed it, when, and what was before and after."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.permissions import (
    Permission,
    Role,
    authorize,
    effective_role,
    requires,
)

from ..audit import agency_of, entries_for, record_of


@requires(Permission.AUDIT_READ)
def audit(request: HttpRequest, key: str, pk: str) -> HttpResponse:
    record = record_of(key, pk)
    if record is None:
        raise Http404("没有这条记录")
    agency = agency_of(record)
    if agency is not None:
        authorize(request.user, Permission.AUDIT_READ, agency)
    elif effective_role(request.user) != Role.ADMINISTRATOR:
        raise PermissionDenied("只有系统管理员可以查看这条记录的操作记录。")
    context = {
        "record": record,
        "model_name": record._meta.verbose_name,
        "agency": agency,
        "entries": entries_for(record),
    }
    return render(request, "workspace/audit.html", context)
