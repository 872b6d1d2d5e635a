from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Shared infrastructure (no models): registered for its management command ``fetch_fonts`` and its checks."""

    name = "common"
    verbose_name = _("Shared infrastructure")

    def ready(self) -> None:
        from django.db.models import fields  # lazy: registry
        from django.urls import register_converter  # lazy: registry

        from common import checks  # noqa: F401  # lazy: registry (the deployment checks register on import)
        from common.converters import IdConverter  # lazy: registry

        register_converter(IdConverter, "id")
        # The empty choice of every select built from a model field ("- Select an option -" in Django 6.1, which
        # has no Vietnamese for it): Django lets an app's ready() replace it.
        fields.BLANK_CHOICE_LABEL = _("— Choose —")
