"""Chinese names for the apps and models of the libraries gongkai installs
(django-axes, django-otp, django-tasks' database backend), which the admin lists
by their English names and which ship no Chinese catalogue: set once at start
(``CoreConfig.ready``), for the admin's index, lists and breadcrumbs. Only the
names: a model's migrations read its declared options, never these; the fields
are left as they are (changing them would change the libraries' migrations).
Their background tasks are shown on the workspace's 后台任务 page instead of the
admin (``gongkai.core.admin``)."""

from __future__ import annotations

from django.apps import apps

APP_NAMES = {
    "axes": "登录保护",
    "otp_totp": "第二重验证（身份验证器）",
    "otp_static": "第二重验证（恢复码）",
    "django_tasks_database": "后台任务",
}
# app label → model name → (singular, plural)
MODEL_NAMES = {
    "axes": {
        "accessfailurelog": ("登录失败记录", "登录失败记录"),
        "accessattempt": ("登录尝试", "登录尝试"),
        "accessattemptexpiration": ("登录尝试有效期", "登录尝试有效期"),
        "accesslog": ("登录记录", "登录记录"),
    },
    "otp_totp": {"totpdevice": ("身份验证器", "身份验证器")},
    "otp_static": {
        "staticdevice": ("恢复码组", "恢复码组"),
        "statictoken": ("恢复码", "恢复码"),
    },
    "django_tasks_database": {"dbtaskresult": ("后台任务", "后台任务")},
}


def third_party_names_set() -> None:
    for label, name in APP_NAMES.items():
        try:
            apps.get_app_config(label).verbose_name = name
        except LookupError:
            continue
    for label, models in MODEL_NAMES.items():
        for model_name, (singular, plural) in models.items():
            try:
                model = apps.get_model(label, model_name)
            except LookupError:
                continue
            model._meta.verbose_name = singular
            model._meta.verbose_name_plural = plural
