from django.contrib import admin

from .models import Campaign, CampaignEvent, Participant, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["plan_number", "name", "launching_organization", "status", "start_date", "end_date"]
    list_filter = ["status", "kind", "participant_scope"]
    search_fields = ["plan_number", "name", "theme", "launching_organization__name"]
    autocomplete_fields = ["launching_organization", "created_by"]
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "position", "start_date", "end_date", "weight"]
    search_fields = ["name", "theme", "campaign__name", "campaign__plan_number"]
    list_filter = ["campaign__status"]


@admin.register(CampaignEvent)
class CampaignEventAdmin(admin.ModelAdmin):
    list_display = ["campaign", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["campaign__name", "campaign__plan_number", "note", "actor__username"]
    readonly_fields = ["campaign", "action", "from_status", "to_status", "actor", "changes", "note", "created_at"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "organization", "person"]
    search_fields = ["organization__name", "organization__code", "person__full_name", "campaign__name"]
    autocomplete_fields = ["campaign", "organization", "person"]
