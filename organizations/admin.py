from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from common.admin import ProtectedAdminMixin
from organizations.audit import AuditedAdminMixin
from organizations.models import (
    AccountEvent,
    AccountSettings,
    AuditEntry,
    BlocMember,
    EmulationBloc,
    ImportJob,
    Membership,
    Notification,
    NotificationPreference,
    Organization,
    OrganizationChange,
    Person,
)
from organizations.notifications.services import email_resend
from organizations.services import organization_create, organization_update

# The admin site speaks Vietnamese like the rest of the app (Django's default says "Django administration").
admin.site.site_header = _("Emulation administration")
admin.site.site_title = _("Emulation administration")
admin.site.index_title = _("Data administration")


@admin.register(Organization)
class OrganizationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "short_name", "kind", "document_style", "parent", "is_active"]
    list_filter = ["kind", "document_style", "is_active", "depth"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent", "merged_into"]
    readonly_fields = ["path", "depth", "created_at", "updated_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and "document_style" in form.base_fields:
            # Left empty on a new organisation, the style follows its kind (Party bodies write Party documents).
            form.base_fields["document_style"].required = False
        return form

    def save_row(self, request, obj, form, change):
        # Go through the services so tree paths and history stay right.
        names = ["code", "name", "short_name", "kind", "is_active", "document_style"]
        fields = {name: form.cleaned_data[name] for name in names}
        if change:
            organization_update(organization=obj, parent=form.cleaned_data["parent"], changed_by=request.user, **fields)
        else:
            created = organization_create(parent=form.cleaned_data["parent"], **fields)
            obj.pk = created.pk


@admin.register(OrganizationChange)
class OrganizationChangeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "changed_by", "created_at", "note"]
    search_fields = ["organization__name", "organization__code", "note"]
    list_filter = ["created_at"]
    readonly_fields = ["organization", "changed_by", "changes", "note", "created_at", "updated_at"]


class BlocMemberInline(admin.TabularInline):
    model = BlocMember
    autocomplete_fields = ["organization"]
    extra = 0


@admin.register(EmulationBloc)
class EmulationBlocAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "year", "organizer"]
    list_filter = ["kind", "year"]
    search_fields = ["name", "code", "organizer__name"]
    autocomplete_fields = ["organizer"]
    inlines = [BlocMemberInline]


@admin.register(BlocMember)
class BlocMemberAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["bloc", "organization", "role"]
    list_filter = ["role", "bloc__year"]
    search_fields = ["bloc__name", "organization__name", "organization__code"]
    autocomplete_fields = ["bloc", "organization"]


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["full_name", "code", "gender", "position", "organization", "user", "is_active"]
    list_filter = ["gender", "is_active"]
    search_fields = ["full_name", "code", "email", "organization__name"]
    autocomplete_fields = ["organization", "user"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "organization__name", "organization__code"]
    autocomplete_fields = ["user", "organization"]


@admin.register(ImportJob)
class ImportJobAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["file_name", "kind", "status", "created_by", "created_at", "created_count", "updated_count"]
    list_filter = ["kind", "status"]
    search_fields = ["file_name", "created_by__username"]
    exclude = ["content"]
    readonly_fields = [f.name for f in ImportJob._meta.fields if f.name != "content"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ProtectedAdminMixin, admin.ModelAdmin):
    """The audit log, read-only (the database refuses changes too); the app's own viewer is /org/audit/."""

    list_display = [
        "created_at",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "organization_name",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_label", "object_id", "reason"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Where every notification's e-mail stands: failed sends show their error and can be sent again."""

    list_display = ["title", "recipient", "event", "created_at", "read_at", "email_status", "email_attempts"]
    list_filter = ["email_status", "event"]
    search_fields = ["title", "recipient__username", "email_to"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the e-mail again (failed ones)"))
    def send_again(self, request, queryset):
        count = email_resend(notification_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("%(count)d e-mails queued again.") % {"count": count})


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "delivery"]
    list_filter = ["event", "delivery"]
    search_fields = ["user__username"]
    list_select_related = ["user"]


@admin.register(AccountSettings)
class AccountSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "must_change_password", "updated_at"]
    list_filter = ["must_change_password"]
    search_fields = ["user__username", "user__email"]
    exclude = ["calendar_token"]
    readonly_fields = ["user", "created_at", "updated_at"]


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """The account journal is read-only: it records what the account pages did."""

    list_display = ["created_at", "user", "action", "role", "organization", "actor"]
    list_filter = ["action", "role"]
    search_fields = ["user__username", "actor__username", "organization__name"]
    readonly_fields = ["user", "actor", "action", "role", "organization", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Users and groups: Django's own admin pages, audited like every project model (before → after, password hidden).
admin.site.unregister(get_user_model())
admin.site.unregister(Group)


@admin.register(get_user_model())
class AuditedUserAdmin(AuditedAdminMixin, UserAdmin):
    pass


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdminMixin, GroupAdmin):
    pass
