from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # The security log's receivers of sign-in, sign-out and lock-out.
        from . import security  # noqa: F401
