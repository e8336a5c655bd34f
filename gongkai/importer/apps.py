from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    name = "gongkai.importer"
    verbose_name = _("Imported reports")

    def ready(self) -> None:
        # A region's report counts the units outside the ledger with their
        # imported published report; reports never imports the importer.
        from gongkai.reports.contributions import provider_register

        from .contributions import imported_contributions

        provider_register(imported_contributions)
