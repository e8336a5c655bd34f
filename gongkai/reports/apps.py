from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = _("Annual reports")

    def ready(self) -> None:
        from django.core import checks

        from .checks_startup import check_formats

        checks.register(check_formats, "reports")
