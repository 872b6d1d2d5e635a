from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Shared infrastructure (no models): registered for its management command ``fetch_fonts``."""

    name = "common"
    verbose_name = _("Shared infrastructure")
