"""The audit log: every state change and every admin action, appended in the caller's transaction.

``audit_record`` is the one way to write a line (who, when, which organisation, which object, the action, before →
after as JSON, why). Services call it inside their own ``transaction.atomic()``, so a step that rolls back leaves no
line, and a line never exists without its step. The table is append-only in the database (migration 0003).

``AuditedAdminMixin`` records every add, change and delete made in the Django admin (with the row before and after);
admin pages of other apps (users, groups, the outbox) are recorded from their ``LogEntry`` by ``admin_log_entry``,
connected in ``OrganizationsConfig.ready``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from organizations.models import AuditEntry, Organization

ORGANIZATION_FIELDS = ("organization", "issuing_organization", "launching_organization")
MAX_TEXT = 2000  # characters kept of one text value in a snapshot


def _json(value: Any) -> Any:
    """``value`` as plain JSON (dates, decimals, UUIDs as text), or None."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


SECRET_FIELDS = frozenset({"password", "calendar_token"})


def audit_snapshot(obj: models.Model | None) -> dict | None:
    """The row's concrete fields (foreign keys as ids, files as names, long texts shortened), for before/after."""
    if obj is None:
        return None
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = field.value_from_object(obj)
        if field.attname in SECRET_FIELDS:
            value = "<ẩn>" if value else ""  # a password hash never goes to the log, only that one is set
        elif isinstance(value, models.fields.files.FieldFile):
            value = value.name or ""
        elif isinstance(value, bytes | memoryview):
            value = f"<{len(value)} bytes>"
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            value = value[:MAX_TEXT] + "…"
        data[field.attname] = value
    return _json(data)


def organization_of(obj: Any) -> Organization | None:
    """The organisation a row belongs to, for the viewer's reach: itself, or its organisation field, or none."""
    if isinstance(obj, Organization):
        return obj
    for name in ORGANIZATION_FIELDS:
        try:
            value = getattr(obj, name, None)
        except models.ObjectDoesNotExist:
            value = None
        if isinstance(value, Organization):
            return value
    return None


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    organization: Organization | None = None,
    object_type: str = "",
    object_id: Any = "",
    object_label: str = "",
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEntry:
    """Append one line to the audit log (inside the caller's transaction, if any).

    ``obj`` gives the object's type, id and label (and, without ``organization``, its organisation); ``before``
    and ``after`` are any JSON-able values (dates and decimals become text).
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_label = object_label or str(obj)
        organization = organization or organization_of(obj)
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "",
        organization=organization,
        organization_path=organization.path if organization else "",
        organization_name=organization.name[:255] if organization else "",
        object_type=object_type[:100],
        object_id=str(object_id or "")[:64],
        object_label=str(object_label)[:255],
        action=action[:60],
        before=_json(before),
        after=_json(after),
        reason=str(reason or "")[:MAX_TEXT],
    )


class AuditedAdminMixin:
    """Every add, change and delete made through this ModelAdmin goes to the audit log with the row before/after."""

    def save_model(self, request, obj, form, change):
        before = audit_snapshot(type(obj)._default_manager.filter(pk=obj.pk).first()) if change and obj.pk else None
        with transaction.atomic():
            self.save_row(request, obj, form, change)
            saved = type(obj)._default_manager.filter(pk=obj.pk).first() or obj
            audit_record(
                actor=request.user,
                action="admin.change" if change else "admin.add",
                obj=saved,
                before=before,
                after=audit_snapshot(saved),
            )

    def save_row(self, request, obj, form, change):
        """Save the row (a ModelAdmin that saves through a service overrides this, not ``save_model``)."""
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Inline rows too: each added, changed or deleted row goes to the log with its id and before → after."""
        deleted = [
            (row.instance, audit_snapshot(row.instance), row.instance.pk)
            for row in formset.deleted_forms
            if row.instance.pk is not None
        ]
        changed = [
            (row, audit_snapshot(type(row.instance)._default_manager.filter(pk=row.instance.pk).first()))
            for row in formset.forms
            if row not in formset.deleted_forms and row.has_changed()
        ]
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            for instance, before, pk in deleted:
                audit_record(
                    actor=request.user,
                    action="admin.delete",
                    object_type=instance._meta.label_lower,
                    object_id=pk,
                    object_label=str(instance),
                    organization=organization_of(instance),
                    before=before,
                )
            for row, before in changed:
                audit_record(
                    actor=request.user,
                    action="admin.change" if before is not None else "admin.add",
                    obj=row.instance,
                    before=before,
                    after=audit_snapshot(row.instance),
                )

    def delete_model(self, request, obj):
        before, label, pk, organization = audit_snapshot(obj), str(obj), obj.pk, organization_of(obj)
        with transaction.atomic():
            super().delete_model(request, obj)
            audit_record(
                actor=request.user,
                action="admin.delete",
                object_type=obj._meta.label_lower,
                object_id=pk,
                object_label=label,
                organization=organization,
                before=before,
            )

    def delete_queryset(self, request, queryset):
        rows = [
            (obj._meta.label_lower, obj.pk, str(obj), organization_of(obj), audit_snapshot(obj)) for obj in queryset
        ]
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for label_lower, pk, label, organization, before in rows:
                audit_record(
                    actor=request.user,
                    action="admin.delete",
                    object_type=label_lower,
                    object_id=pk,
                    object_label=label,
                    organization=organization,
                    before=before,
                )


def admin_log_entry(sender, instance, created: bool, **kwargs) -> None:
    """A ``LogEntry`` written by an admin page that is not audited by ``AuditedAdminMixin`` (users, groups, …)."""
    from django.contrib import admin  # lazy: rarely (only when an admin page logs)

    if not created or instance.content_type is None:
        return
    model = instance.content_type.model_class()
    if model is None or isinstance(admin.site._registry.get(model), AuditedAdminMixin):
        return
    action = {1: "admin.add", 2: "admin.change", 3: "admin.delete"}.get(instance.action_flag, "admin.change")
    audit_record(
        actor=instance.user,
        action=action,
        object_type=model._meta.label_lower,
        object_id=instance.object_id or "",
        object_label=instance.object_repr,
        after={"change_message": instance.get_change_message()},
    )
