from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "regie.core"
    label = "core"
    verbose_name = _("Organisatie")

    def ready(self) -> None:
        # Connect the login, logout and failed-login signals to the security log.
        from regie.core import audit  # noqa: F401
