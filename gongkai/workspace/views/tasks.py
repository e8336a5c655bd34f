"""The background tasks (imports, the search index, report files …): which failed
and why, which wait and which run. For administrators only (``task.view``)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.permissions import Permission, requires

from ..background import task_board


@requires(Permission.TASK_VIEW)
def task_list(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/task_list.html", {"board": task_board()})
