"""Who may do what, and on which agency's records: the one place every view asks.

A permission has two halves, and both must hold:

- the **role** grants the action (``ROLE_ACTIONS``): agency staff and reviewers
  handle their agency's work; the disclosure office head also approves
  extensions, signs off reports, corrects them and publishes answers; a
  supervisor of a region only reads; an administrator may do everything except
  act for an agency on its catalogue (draft, review, sign, correct, withdraw);
- which role takes each review step of a catalogue item (保密审查, 初审、审核、
  审发, 隐私检查放行, 更正, 撤回) is read from the setting
  ``GONGKAI_CATALOG_REVIEW_ROLES`` each time it is asked, so a deployment
  decides it (``CATALOG_REVIEW_SETTING`` maps each permission to its key);
- the **scope** covers the agency whose record it is (``in_scope``): staff,
  reviewers and office heads their own agency only; a supervisor the agency it
  supervises and every agency under it; an administrator every agency.

The public (an anonymous visitor) holds no action: public pages need none, and a
staff page sends a visitor to the sign-in page. A signed-in user whose role or scope
does not cover a record is refused (``authorize`` raises ``NotPermitted``, 403 on
a page), never shown the record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponseBase

from gongkai.agencies.models import Agency
from gongkai.core.workflow import NotPermitted

from .models import User

Role = User.Role
# Refusals go to the security log (gongkai.accounts.security).
security_log = logging.getLogger("gongkai.security")


class Permission(StrEnum):
    """Everything a page lets a signed-in user do, named ``<thing>.<verb>``."""

    WORKSPACE_VIEW = "workspace.view"
    AUDIT_READ = "audit.read"
    APPLICATION_VIEW = "application.view"
    APPLICATION_HANDLE = "application.handle"  # register, 补正, reply, close …
    APPLICATION_APPROVE = "application.approve"  # extension (第三十三条第二款)
    ITEM_VIEW = "item.view"
    ITEM_EDIT = "item.edit"  # record items, interpretations, archive transfers
    ITEM_DRAFT = "item.draft"  # change a draft, attach, submit, add channels
    # The catalogue's review steps: roles from GONGKAI_CATALOG_REVIEW_ROLES.
    ITEM_SECRECY_REVIEW = "item.secrecy_review"  # 保密审查 (条例 第十七条)
    ITEM_FIRST_REVIEW = "item.first_review"  # 初审
    ITEM_REVIEW = "item.review"  # 审核
    ITEM_SIGN_OFF = "item.sign_off"  # 审发, which publishes
    ITEM_PRIVACY_OVERRIDE = "item.privacy_override"  # 隐私检查放行
    ITEM_CORRECT = "item.correct"  # 更正
    ITEM_WITHDRAW = "item.withdraw"  # 撤回
    CATALOG_IMPORT = "catalog.import"  # a whole catalogue, drafts and published
    CATALOG_REINDEX = "catalog.reindex"  # rebuild the search index
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
    DIRECTIVE_ISSUE = "directive.issue"  # 督办: issue, send back, close
    DIRECTIVE_ANSWER = "directive.answer"  # the unit answers a 督办
    # What only an administrator does: it touches every agency at once.
    AGENCY_MANAGE = "agency.manage"  # the agency tree
    CALENDAR_EDIT = "calendar.edit"  # the national working-day calendar
    SHARED_TEMPLATE_EDIT = "template.edit_shared"  # letters every agency starts from
    TASK_VIEW = "task.view"  # the background tasks, failed ones with their error


# How a refusal names each permission (messages are Chinese whatever the locale).
PERMISSION_LABELS: dict[Permission, str] = {
    Permission.WORKSPACE_VIEW: "进入工作台",
    Permission.AUDIT_READ: "查看操作记录",
    Permission.APPLICATION_VIEW: "查看申请",
    Permission.APPLICATION_HANDLE: "办理申请",
    Permission.APPLICATION_APPROVE: "批准延长答复期限",
    Permission.ITEM_VIEW: "查看主动公开信息",
    Permission.ITEM_EDIT: "登记主动公开信息",
    Permission.ITEM_DRAFT: "修改、提交主动公开信息",
    Permission.ITEM_SECRECY_REVIEW: "保密审查",
    Permission.ITEM_FIRST_REVIEW: "初审",
    Permission.ITEM_REVIEW: "审核",
    Permission.ITEM_SIGN_OFF: "审发",
    Permission.ITEM_PRIVACY_OVERRIDE: "隐私检查放行",
    Permission.ITEM_CORRECT: "更正已公开的信息",
    Permission.ITEM_WITHDRAW: "撤回已公开的信息",
    Permission.CATALOG_IMPORT: "导入主动公开目录",
    Permission.CATALOG_REINDEX: "重建检索索引",
    Permission.ACTIVITY_RECORD: "登记公开工作情况",
    Permission.ATTESTED_ENTER: "填报核定数字",
    Permission.ENQUIRY_ANSWER: "答复咨询",
    Permission.ENQUIRY_PUBLISH: "公开咨询答复",
    Permission.REPORT_VIEW: "查看年度报告",
    Permission.REPORT_EDIT: "编写年度报告",
    Permission.REPORT_SUBMIT: "提交年度报告",
    Permission.REPORT_SIGN_OFF: "审核年度报告",
    Permission.REPORT_PUBLISH: "发布年度报告",
    Permission.REPORT_CORRECT: "更正年度报告",
    Permission.REPORT_IMPORT: "导入已发布的年度报告",
    Permission.AGENCY_MANAGE: "维护机构设置",
    Permission.CALENDAR_EDIT: "维护工作日日历",
    Permission.SHARED_TEMPLATE_EDIT: "修改各机关共用的信函模板",
    Permission.TASK_VIEW: "查看后台任务",
    Permission.REGION_SUPERVISE: "督导本地区工作",
    Permission.DIRECTIVE_ISSUE: "督办",
    Permission.DIRECTIVE_ANSWER: "答复督办",
}

# What a supervisor may do: read, and supervise (the circular is a reading too).
READ_ACTIONS = frozenset(
    {
        Permission.WORKSPACE_VIEW,
        Permission.AUDIT_READ,
        Permission.APPLICATION_VIEW,
        Permission.ITEM_VIEW,
        Permission.REPORT_VIEW,
    }
)
STAFF_ACTIONS = READ_ACTIONS | {
    Permission.APPLICATION_HANDLE,
    Permission.ITEM_EDIT,
    Permission.ITEM_DRAFT,
    Permission.ACTIVITY_RECORD,
    Permission.ENQUIRY_ANSWER,
    Permission.REPORT_EDIT,
    Permission.REPORT_SUBMIT,
    Permission.REPORT_PUBLISH,
    Permission.DIRECTIVE_ANSWER,
}
REVIEWER_ACTIONS = STAFF_ACTIONS
OFFICE_HEAD_ACTIONS = REVIEWER_ACTIONS | {
    Permission.APPLICATION_APPROVE,
    Permission.ATTESTED_ENTER,
    Permission.ENQUIRY_PUBLISH,
    Permission.REPORT_SIGN_OFF,
    Permission.REPORT_CORRECT,
    Permission.CATALOG_IMPORT,
}
SUPERVISOR_ACTIONS = READ_ACTIONS | {
    Permission.REGION_SUPERVISE,
    Permission.REPORT_IMPORT,
    Permission.DIRECTIVE_ISSUE,
}

# The review steps of a catalogue item and their keys in the setting
# GONGKAI_CATALOG_REVIEW_ROLES, which names the roles that take each.
CATALOG_REVIEW_SETTING: dict[Permission, str] = {
    Permission.ITEM_SECRECY_REVIEW: "secrecy_review",
    Permission.ITEM_FIRST_REVIEW: "first_review",
    Permission.ITEM_REVIEW: "review",
    Permission.ITEM_SIGN_OFF: "sign_off",
    Permission.ITEM_PRIVACY_OVERRIDE: "privacy_override",
    Permission.ITEM_CORRECT: "correct",
    Permission.ITEM_WITHDRAW: "withdraw",
}
# An administrator manages the system; it does not draft or sign for an agency
# (unless the setting names it for a review step), nor answer a 督办 for it.
AGENCY_ONLY = frozenset(
    {Permission.ITEM_DRAFT, Permission.DIRECTIVE_ANSWER, *CATALOG_REVIEW_SETTING}
)

ROLE_ACTIONS: dict[str, frozenset[Permission]] = {
    Role.STAFF: frozenset(STAFF_ACTIONS),
    Role.REVIEWER: frozenset(REVIEWER_ACTIONS),
    Role.OFFICE_HEAD: frozenset(OFFICE_HEAD_ACTIONS),
    Role.SUPERVISOR: frozenset(SUPERVISOR_ACTIONS),
    Role.ADMINISTRATOR: frozenset(Permission) - AGENCY_ONLY,
}


def roles_granting(action: Permission) -> frozenset[str]:
    """The roles whose role grants ``action`` (the setting's, for a review step)."""
    if action in CATALOG_REVIEW_SETTING:
        key = CATALOG_REVIEW_SETTING[action]
        return frozenset(settings.GONGKAI_CATALOG_REVIEW_ROLES.get(key, ()))
    return frozenset(role for role, held in ROLE_ACTIONS.items() if action in held)


# Who asks: a signed-in user, an anonymous visitor, or (None) the system itself.
Actor = User | AnonymousUser | None


def effective_role(user: Actor) -> str | None:
    """The role a user acts in: None for the public (and inactive accounts); a
    Django superuser acts as an administrator whatever its stored role."""
    if not isinstance(user, User) or not user.is_active:
        return None
    if user.is_superuser:
        return str(Role.ADMINISTRATOR)
    return str(user.role)


def role_allows(user: Actor, action: Permission) -> bool:
    """Whether the user's role grants ``action`` on some agency."""
    role = effective_role(user)
    return role is not None and role in roles_granting(action)


def in_scope(user: Actor, agency: Agency) -> bool:
    """Whether ``agency``'s records are within the user's reach."""
    role = effective_role(user)
    if role == Role.ADMINISTRATOR:
        return True
    home = user.agency if isinstance(user, User) and role else None
    if home is None:
        return False
    if role == Role.SUPERVISOR:
        return bool(agency.path.startswith(home.path))
    return bool(agency.pk == home.pk)


def can(user: Actor, action: Permission, agency: Agency | None = None) -> bool:
    """Whether ``user`` may take ``action``; on ``agency``'s records when given."""
    if not role_allows(user, action):
        return False
    return agency is None or in_scope(user, agency)


def authorize(
    user: Actor, permission: Permission | str, agency: Agency | None = None
) -> None:
    """Raise ``NotPermitted`` (a refusal, and 403 on a page) unless ``can(...)``.

    ``user`` None is the system itself: a command or a background job that the
    operator of the server runs, which holds every permission. A page always passes
    the request's user (an anonymous visitor is not None), so no door reached from
    the web acts as the system.
    """
    if user is None:
        return
    action = Permission(permission)
    if not role_allows(user, action):
        _refusal_log(user, f"permission={action.value}")
        label = PERMISSION_LABELS[action]
        raise NotPermitted(f"您的账号不能“{label}”。", code="permission")
    if agency is not None and not in_scope(user, agency):
        _refusal_log(user, f"permission={action.value} scope=agency:{agency.pk}")
        raise NotPermitted(
            f"该记录属于{agency.name}，不在您的工作范围内。", code="scope"
        )


def _refusal_log(user: Actor, what: str) -> None:
    """A refused step in the security log (the page's address is in the access
    log beside it)."""
    name = user.get_username() if isinstance(user, User) else "(public)"
    security_log.warning("refused %s user=%s", what, name)


def agencies_in_scope(user: Actor) -> QuerySet[Agency]:
    """Every agency whose records the user may read, in tree order."""
    role = effective_role(user)
    if role == Role.ADMINISTRATOR:
        return Agency.objects.order_by("path")
    home = user.agency if isinstance(user, User) and role else None
    if home is None:
        return Agency.objects.none()
    if role == Role.SUPERVISOR:
        subtree: QuerySet[Agency] = home.subtree()
        return subtree.order_by("path")
    return Agency.objects.filter(pk=home.pk)


def scope_filter(user: Actor, field: str = "agency") -> Q:
    """A filter keeping the rows (of a model with an agency foreign key named
    ``field``) within the user's scope, for list pages."""
    role = effective_role(user)
    if role == Role.ADMINISTRATOR:
        return Q()
    return Q(**{f"{field}__in": agencies_in_scope(user)})


def signed_in(request: HttpRequest) -> User:
    """The user a staff page acts as, for the services it calls. ``requires`` has
    already sent a visitor to sign in; this refuses one that got past anyway, and
    never stands in the system (None) for a person."""
    user = request.user
    if not isinstance(user, User):
        raise NotPermitted("请先登录。", code="permission")
    return user


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def requires(action: Permission) -> Callable[[View], View]:
    """Decorate a view: a visitor is sent to sign in; a signed-in user whose role
    lacks ``action`` gets 403. Record scope is checked in the view, with
    ``authorize(request.user, action, record.agency)``, once the record is known."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            authorize(request.user, action)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
