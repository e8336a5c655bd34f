"""Who may do what, and on which agency's records: the one place every view asks.

A permission has two halves, and both must hold:

- the **role** grants the action (``ROLE_ACTIONS``): agency staff and reviewers
  handle their agency's work (which review step of a catalogue item each role
  takes is the catalogue's rule, ``GONGKAI_CATALOG_REVIEW_ROLES``); the disclosure
  office head also approves extensions, signs off reports, corrects them and
  publishes answers; a supervisor of a region only reads; an administrator may do
  everything;
- the **scope** covers the agency whose record it is (``in_scope``): staff,
  reviewers and office heads their own agency only; a supervisor the agency it
  supervises and every agency under it; an administrator every agency.

The public (an anonymous visitor) holds no action: public pages need none, and a
staff page sends a visitor to the sign-in page. A signed-in user whose role or scope
does not cover a record gets 403 (``authorize`` raises ``PermissionDenied``), never
the record.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse

from gongkai.agencies.models import Agency

from .models import User

Role = User.Role


class Action(StrEnum):
    """Everything a page lets a signed-in user do, named ``<thing>.<verb>``."""

    WORKSPACE_VIEW = "workspace.view"
    AUDIT_READ = "audit.read"
    APPLICATION_VIEW = "application.view"
    APPLICATION_HANDLE = "application.handle"  # register, 补正, reply, close …
    APPLICATION_APPROVE = "application.approve"  # extension (第三十三条第二款)
    ITEM_VIEW = "item.view"
    # Work on catalogue items; which review step (保密审查, 初审、审核、审发, 撤回)
    # a role may take is the catalogue's own rule, GONGKAI_CATALOG_REVIEW_ROLES.
    ITEM_EDIT = "item.edit"
    ACTIVITY_RECORD = "activity.record"
    ATTESTED_ENTER = "attested.enter"
    ENQUIRY_ANSWER = "enquiry.answer"
    ENQUIRY_PUBLISH = "enquiry.publish"
    REPORT_VIEW = "report.view"
    REPORT_EDIT = "report.edit"  # the narrative sections
    REPORT_SUBMIT = "report.submit"
    REPORT_SIGN_OFF = "report.sign_off"
    REPORT_PUBLISH = "report.publish"
    REPORT_CORRECT = "report.correct"
    REPORT_IMPORT = "report.import"  # published reports of units not using gongkai
    REGION_SUPERVISE = "region.supervise"


# What a supervisor may do: read, and supervise (the circular is a reading too).
READ_ACTIONS = frozenset(
    {
        Action.WORKSPACE_VIEW,
        Action.AUDIT_READ,
        Action.APPLICATION_VIEW,
        Action.ITEM_VIEW,
        Action.REPORT_VIEW,
    }
)
STAFF_ACTIONS = READ_ACTIONS | {
    Action.APPLICATION_HANDLE,
    Action.ITEM_EDIT,
    Action.ACTIVITY_RECORD,
    Action.ENQUIRY_ANSWER,
    Action.REPORT_EDIT,
    Action.REPORT_SUBMIT,
    Action.REPORT_PUBLISH,
}
REVIEWER_ACTIONS = STAFF_ACTIONS
OFFICE_HEAD_ACTIONS = REVIEWER_ACTIONS | {
    Action.APPLICATION_APPROVE,
    Action.ATTESTED_ENTER,
    Action.ENQUIRY_PUBLISH,
    Action.REPORT_SIGN_OFF,
    Action.REPORT_CORRECT,
}
SUPERVISOR_ACTIONS = READ_ACTIONS | {Action.REGION_SUPERVISE, Action.REPORT_IMPORT}

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.STAFF: frozenset(STAFF_ACTIONS),
    Role.REVIEWER: frozenset(REVIEWER_ACTIONS),
    Role.OFFICE_HEAD: frozenset(OFFICE_HEAD_ACTIONS),
    Role.SUPERVISOR: frozenset(SUPERVISOR_ACTIONS),
    Role.ADMINISTRATOR: frozenset(Action),
}


def effective_role(user: Any) -> str | None:
    """The role a user acts in: None for the public (and inactive accounts); a
    Django superuser acts as an administrator whatever its stored role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return user.role


def role_allows(user: Any, action: Action) -> bool:
    """Whether the user's role grants ``action`` on some agency."""
    role = effective_role(user)
    return role is not None and action in ROLE_ACTIONS.get(role, frozenset())


def in_scope(user: Any, agency: Agency) -> bool:
    """Whether ``agency``'s records are within the user's reach."""
    role = effective_role(user)
    if role == Role.ADMINISTRATOR:
        return True
    home = getattr(user, "agency", None) if role else None
    if home is None:
        return False
    if role == Role.SUPERVISOR:
        return agency.path.startswith(home.path)
    return agency.pk == home.pk


def can(user: Any, action: Action, agency: Agency | None = None) -> bool:
    """Whether ``user`` may take ``action``; on ``agency``'s records when given."""
    if not role_allows(user, action):
        return False
    return agency is None or in_scope(user, agency)


def authorize(user: Any, action: Action, agency: Agency | None = None) -> None:
    """Raise ``PermissionDenied`` (shown as 403) unless ``can(...)``."""
    if not can(user, action, agency):
        raise PermissionDenied("您没有权限进行此操作，或该记录不属于您所在的机关。")


def agencies_in_scope(user: Any) -> QuerySet[Agency]:
    """Every agency whose records the user may read, in tree order."""
    role = effective_role(user)
    if role == Role.ADMINISTRATOR:
        return Agency.objects.order_by("path")
    home = getattr(user, "agency", None) if role else None
    if home is None:
        return Agency.objects.none()
    if role == Role.SUPERVISOR:
        return home.subtree().order_by("path")
    return Agency.objects.filter(pk=home.pk)


def scope_filter(user: Any, field: str = "agency") -> Q:
    """A filter keeping the rows (of a model with an agency foreign key named
    ``field``) within the user's scope, for list pages."""
    role = effective_role(user)
    if role == Role.ADMINISTRATOR:
        return Q()
    return Q(**{f"{field}__in": agencies_in_scope(user)})


View = TypeVar("View", bound=Callable[..., HttpResponse])


def requires(action: Action) -> Callable[[View], View]:
    """Decorate a view: a visitor is sent to sign in; a signed-in user whose role
    lacks ``action`` gets 403. Record scope is checked in the view, with
    ``authorize(request.user, action, record.agency)``, once the record is known."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            authorize(request.user, action)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
