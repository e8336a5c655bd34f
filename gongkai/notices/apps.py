from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "gongkai.notices"
    verbose_name = _("Notices to applicants")

    def ready(self) -> None:
        from gongkai.applications.reminders import remind_run
        from gongkai.core.events import event_recorded

        from .cli import on_remind
        from .receivers import on_event_recorded

        # Each step of an application that concerns the applicant leaves an event;
        # its notices are created in the same transaction (receivers.py).
        event_recorded.connect(on_event_recorded, dispatch_uid="notices.on_event")
        # The daily `gongkai remind` reminds applicants of their deadlines too.
        remind_run.connect(on_remind, dispatch_uid="notices.on_remind")
