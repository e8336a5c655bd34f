from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    verbose_name = _("Review and litigation")

    def ready(self) -> None:
        # The daily ``gongkai remind`` lists the answers due (applications does
        # not import cases: it sends a signal, this room answers).
        from gongkai.applications.cli import remind_listed

        from .reminders import on_remind_listed

        remind_listed.connect(on_remind_listed, dispatch_uid="cases.on_remind_listed")
