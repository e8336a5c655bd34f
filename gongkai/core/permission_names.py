"""Django's model permissions named in Chinese.

Django names each model's four permissions in English in the database ("Can add
user"), and the admin lists them by that name on every user and group page. After
each migration, those four of every model are named ("可添加用户"), in the
language of the site (``LANGUAGE_CODE``); a permission with a name of its own is
left alone. Their codenames, which code checks, do not change.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation

ACTIONS = {"add": "可添加", "change": "可修改", "delete": "可删除", "view": "可查看"}


def permission_names_translate(*, using: str = "default", **_: Any) -> int:
    """Name the default permissions in Chinese where they are not yet (or no
    longer: a model renamed); returns how many were renamed."""
    from django.contrib.auth.models import Permission

    renamed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.using(using).select_related(
            "content_type"
        ):
            action = permission.codename.split("_", 1)[0]
            model = permission.content_type.model_class()
            if action not in ACTIONS or model is None:
                continue
            if permission.codename != f"{action}_{model._meta.model_name}":
                continue
            name = f"{ACTIONS[action]}{model._meta.verbose_name}"[:255]
            if permission.name != name:
                permission.name = name
                permission.save(update_fields=["name"])
                renamed += 1
    return renamed
