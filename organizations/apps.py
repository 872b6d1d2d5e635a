from django.apps import AppConfig
from django.db.models.signals import post_save


class OrganizationsConfig(AppConfig):
    name = "organizations"

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry  # lazy: registry (models are ready only now)

        from organizations.audit import admin_log_entry  # lazy: registry (imports models)

        post_save.connect(admin_log_entry, sender=LogEntry, dispatch_uid="organizations_audit_admin_log")
