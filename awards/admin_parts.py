"""Admin registrations of the API tokens, campaign reports, statistics inputs, public pages and exemplary models
(imported at the end of awards/admin.py). Token digests and report files are read-only here."""

from django.contrib import admin

from awards.models import (
    ApiToken,
    CampaignReport,
    ExemplaryAdoption,
    ExemplaryModel,
    ExemplaryStep,
    Publication,
    PublicComment,
    StatisticsInput,
)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "prefix", "created_at", "revoked_at", "last_used_at"]
    search_fields = ["name", "prefix", "organization__name"]
    readonly_fields = ["prefix", "digest", "last_used_at"]


@admin.register(CampaignReport)
class CampaignReportAdmin(admin.ModelAdmin):
    list_display = ["campaign", "phase", "kind", "status", "progress", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["campaign__name", "campaign__plan_number"]
    readonly_fields = ["figures", "docx", "pdf", "xlsx", "error"]


@admin.register(StatisticsInput)
class StatisticsInputAdmin(admin.ModelAdmin):
    list_display = ["organization", "year", "dedicated_bodies", "staff_full_time", "staff_part_time"]
    search_fields = ["organization__name", "receiving_unit"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["organization", "publish_rankings", "publish_decisions"]
    search_fields = ["organization__name"]


@admin.register(PublicComment)
class PublicCommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "disclosure", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["author_name", "body", "disclosure__campaign__name"]


class ExemplaryStepInline(admin.TabularInline):
    model = ExemplaryStep
    extra = 0


@admin.register(ExemplaryModel)
class ExemplaryModelAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "kind", "stage", "is_public"]
    list_filter = ["kind", "stage", "is_public"]
    search_fields = ["name", "organization__name", "description"]
    inlines = [ExemplaryStepInline]


@admin.register(ExemplaryStep)
class ExemplaryStepAdmin(admin.ModelAdmin):
    list_display = ["model", "stage", "date", "confirmed_at"]
    search_fields = ["model__name", "evidence"]


@admin.register(ExemplaryAdoption)
class ExemplaryAdoptionAdmin(admin.ModelAdmin):
    list_display = ["model", "organization", "date"]
    search_fields = ["model__name", "organization__name"]
