from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .permission_names import permission_names_translate
        from .third_party_names import third_party_names_set

        third_party_names_set()

        # After Django's own receiver has created the permissions (auth comes
        # before core in INSTALLED_APPS, so its receiver runs first).
        post_migrate.connect(
            permission_names_translate, dispatch_uid="gongkai.core.permission_names"
        )
