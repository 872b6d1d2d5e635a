from django.contrib import admin

from campaigns.models import (
    Campaign,
    CampaignEvent,
    Covenant,
    CovenantSignature,
    Criterion,
    CriterionGroup,
    CriterionRule,
    EmulationProduct,
    Participant,
    Phase,
    Registration,
    ScoringTable,
    Tier,
)
from organizations.audit import AuditedAdminMixin


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["plan_number", "name", "launching_organization", "status", "start_date", "end_date"]
    list_filter = ["status", "kind", "participant_scope"]
    search_fields = ["plan_number", "name", "theme", "launching_organization__name"]
    autocomplete_fields = ["launching_organization", "created_by"]
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "campaign", "position", "start_date", "end_date", "weight"]
    search_fields = ["name", "theme", "campaign__name", "campaign__plan_number"]
    list_filter = ["campaign__status"]


@admin.register(CampaignEvent)
class CampaignEventAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["campaign__name", "campaign__plan_number", "note", "actor__username"]
    readonly_fields = ["campaign", "action", "from_status", "to_status", "actor", "changes", "note", "created_at"]


@admin.register(Participant)
class ParticipantAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "campaign", "organization", "person"]
    search_fields = ["organization__name", "organization__code", "person__full_name", "campaign__name"]
    autocomplete_fields = ["campaign", "organization", "person"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["position", "code", "text", "max_points", "method", "kind", "evidence_required"]


@admin.register(ScoringTable)
class ScoringTableAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "participant_kind", "declared_total", "bonus_cap", "penalty_cap"]
    list_filter = ["participant_kind"]
    search_fields = ["campaign__name", "campaign__plan_number"]


@admin.register(CriterionGroup)
class CriterionGroupAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "code", "table", "position"]
    search_fields = ["title", "code", "table__campaign__name"]
    inlines = [CriterionInline]


class RuleInline(admin.TabularInline):
    model = CriterionRule
    extra = 0
    fields = ["position", "code", "text", "kind", "per", "points", "bonus", "deduction", "above", "step", "cap"]


@admin.register(CriterionRule)
class CriterionRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "text", "kind", "per", "points", "cap", "criterion"]
    list_filter = ["kind", "per"]
    search_fields = ["code", "text", "criterion__code", "criterion__table__campaign__name"]


@admin.register(Criterion)
class CriterionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "text", "max_points", "method", "kind", "table"]
    list_filter = ["method", "kind", "evidence_required"]
    search_fields = ["code", "text", "table__campaign__name"]
    inlines = [RuleInline]


@admin.register(Tier)
class TierAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "lower_bound", "table", "position"]
    search_fields = ["name", "table__campaign__name"]


class ProductInline(admin.TabularInline):
    model = EmulationProduct
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["participant", "registered_by", "created_at"]
    search_fields = ["participant__organization__name", "participant__person__full_name", "participant__campaign__name"]
    inlines = [ProductInline]


@admin.register(EmulationProduct)
class EmulationProductAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "product_type", "status", "due_date", "registration"]
    list_filter = ["product_type", "status"]
    search_fields = ["title", "owner"]


class SignatureInline(admin.TabularInline):
    model = CovenantSignature
    extra = 0


@admin.register(Covenant)
class CovenantAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "bloc", "campaign", "published_at"]
    search_fields = ["title", "bloc__name", "campaign__name"]
    inlines = [SignatureInline]


@admin.register(CovenantSignature)
class CovenantSignatureAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["covenant", "organization", "signed_by", "created_at"]
    search_fields = ["covenant__title", "organization__name", "signed_by__username"]
