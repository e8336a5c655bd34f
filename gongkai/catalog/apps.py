from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = _("Proactive disclosure")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        from . import checks  # noqa: F401  (registers the system checks)
        from .services.due_dates import on_calendar_changed

        calendar_changed.connect(
            on_calendar_changed, dispatch_uid="catalog.due_dates_recompute"
        )
