from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry  # lazy: registry (models are ready only now)
        from django.contrib.auth.signals import user_logged_in  # lazy: registry

        from organizations.audit import admin_log_entry  # lazy: registry (imports models)
        from organizations.middleware import remember_forced_change  # lazy: registry

        post_save.connect(admin_log_entry, sender=LogEntry, dispatch_uid="organizations_audit_admin_log")
        user_logged_in.connect(remember_forced_change, dispatch_uid="organizations.remember_forced_change")
