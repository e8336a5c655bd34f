from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = _("Disclosure on application")

    def ready(self) -> None:
        from gongkai.workdays.signals import calendar_changed

        from .tasks import on_calendar_changed

        # A changed calendar moves open due dates (and records that it did): the
        # recompute is queued as a task (gongkai/applications/tasks.py).
        calendar_changed.connect(
            on_calendar_changed, dispatch_uid="applications.deadlines_recompute"
        )
