"""System checks of the catalogue's settings, run at start-up (``manage.py check``).

- ``catalog.E001``: ``GONGKAI_INDEX_NUMBER_PATTERN`` cannot make index numbers;
- ``catalog.E002``: ``GONGKAI_CATALOG_REVIEW_ROLES`` leaves a step to no role, or
  names a role users cannot have.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from .index_numbers import IndexPattern, PatternError


@register()
def check_index_number_pattern(**kwargs: Any) -> list[Error]:
    try:
        IndexPattern(settings.GONGKAI_INDEX_NUMBER_PATTERN)
    except PatternError as error:
        return [
            Error(
                f"GONGKAI_INDEX_NUMBER_PATTERN：{error}",
                hint="默认值为 {统一社会信用代码}/{YYYY}-{NNNNN}。",
                id="catalog.E001",
            )
        ]
    return []


@register()
def check_review_roles(**kwargs: Any) -> list[Error]:
    from gongkai.accounts.models import User
    from gongkai.accounts.permissions import CATALOG_REVIEW_SETTING

    # The keys the permission layer reads (one per review permission).
    steps = CATALOG_REVIEW_SETTING.values()
    roles = settings.GONGKAI_CATALOG_REVIEW_ROLES
    known = set(User.Role.values)
    problems = [f"“{step}”没有指定角色" for step in steps if not roles.get(step)]
    problems += [
        f"“{step}”中的角色 {role} 不存在"
        for step, names in roles.items()
        for role in names
        if role not in known
    ]
    return [
        Error(
            f"GONGKAI_CATALOG_REVIEW_ROLES：{problem}",
            hint=f"可用的角色：{'、'.join(sorted(known))}。",
            id="catalog.E002",
        )
        for problem in problems
    ]
