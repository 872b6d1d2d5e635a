from django.contrib import admin

from common.admin import ProtectedAdminMixin
from organizations.audit import AuditedAdminMixin
from scoring.models import (
    Evidence,
    RankingBlocRank,
    RankingEntry,
    RankingRun,
    Reminder,
    Score,
    Submission,
    SubmissionEvent,
)


@admin.register(Submission)
class SubmissionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["participant", "phase", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["participant__organization__name", "participant__person__full_name", "phase__name"]


@admin.register(Score)
class ScoreAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Scores are created by the services; a verified score is read-only (the reviewer's record)."""

    def is_protected(self, obj) -> bool:
        return obj.verified_points is not None or obj.verified_inputs is not None

    list_display = ["submission", "criterion", "self_points", "verified_points", "max_points"]
    search_fields = ["criterion__code", "criterion__text", "submission__participant__organization__name"]


@admin.register(Evidence)
class EvidenceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "file_type", "size", "score", "uploaded_by", "created_at"]
    list_filter = ["file_type"]
    search_fields = ["original_name", "sha256"]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["submission", "action", "field", "old_value", "new_value", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["reason", "actor__username"]


@admin.register(RankingRun)
class RankingRunAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "phase", "status", "is_current", "participant_count", "created_at"]
    list_filter = ["status", "is_current"]
    search_fields = ["campaign__name", "campaign__plan_number"]


@admin.register(RankingEntry)
class RankingEntryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["run", "rank", "participant", "total", "tier_name"]
    search_fields = ["participant__organization__name", "participant__person__full_name", "tier_name"]


@admin.register(RankingBlocRank)
class RankingBlocRankAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["entry", "bloc", "rank"]
    search_fields = ["bloc__name"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The officers' reminders (nhắc nhở), read-only: who was reminded about which phase, by whom, when."""

    list_display = ["participant", "phase", "sent_by", "created_at", "recipient_count"]
    list_filter = ["phase__campaign"]
    search_fields = ["participant__organization__name", "participant__person__full_name", "note"]
    list_select_related = ["participant__organization", "participant__person", "phase", "sent_by"]
    readonly_fields = ["participant", "phase", "sent_by", "note", "recipient_count", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False
