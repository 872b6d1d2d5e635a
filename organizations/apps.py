from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations and people")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in  # lazy: registry

        from organizations.middleware import remember_forced_change  # lazy: registry

        user_logged_in.connect(remember_forced_change, dispatch_uid="organizations.remember_forced_change")
