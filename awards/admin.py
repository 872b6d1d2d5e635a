from django.contrib import admin

from awards.models import (
    AgendaItem,
    AgendaRecusal,
    AuthorityHolder,
    AwardDecision,
    AwardPlan,
    AwardPrerequisite,
    AwardRecord,
    AwardType,
    BallotCast,
    Certificate,
    CertificateTemplate,
    Council,
    CouncilMember,
    CouncilSession,
    CountingCommitteeSeat,
    DecisionDocument,
    DecisionRecipient,
    DisciplinaryReview,
    DisclosureComment,
    Holiday,
    Nomination,
    NominationDocument,
    NominationEvent,
    Proposal,
    ProposalEvent,
    ProposalItem,
    PublicDisclosure,
    Register,
    SessionAttendance,
    StepTimeLimit,
    WrittenVote,
)


class PrerequisiteInline(admin.TabularInline):
    model = AwardPrerequisite
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "recipient_kind", "level", "decided_by", "valid_from", "valid_to", "is_active"]
    list_filter = ["category", "recipient_kind", "level", "decided_by", "is_active", "secret_ballot"]
    search_fields = ["code", "name", "legal_basis"]
    inlines = [PrerequisiteInline]


@admin.register(AuthorityHolder)
class AuthorityHolderAdmin(admin.ModelAdmin):
    """Who holds which deciding authority: by organisation kind or by name (#13)."""

    list_display = ["authority", "organization_kind", "organization", "legal_basis"]
    list_filter = ["authority", "organization_kind"]
    search_fields = ["organization__name", "legal_basis"]
    raw_id_fields = ["organization"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The working-day calendar (public holidays, Tết), edited per year."""

    list_display = ["day", "name"]
    date_hierarchy = "day"
    search_fields = ["name"]


@admin.register(StepTimeLimit)
class StepTimeLimitAdmin(admin.ModelAdmin):
    list_display = ["status", "working_days", "legal_basis"]
    search_fields = ["status", "legal_basis"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "proposer", "recipient", "status", "status_changed_at"]
    list_filter = ["status"]
    search_fields = ["title", "proposer__name", "recipient__name"]
    raw_id_fields = ["proposer", "recipient", "session", "assigned_to", "upper_decision", "created_by"]


@admin.register(ProposalItem)
class ProposalItemAdmin(admin.ModelAdmin):
    list_display = ["proposal", "nomination", "check_result", "decision"]
    list_filter = ["check_result", "decision"]
    search_fields = ["proposal__title", "check_reason", "decision_reason"]
    raw_id_fields = ["proposal", "nomination"]


@admin.register(ProposalEvent)
class ProposalEventAdmin(admin.ModelAdmin):
    list_display = ["proposal", "action", "status", "actor", "created_at"]
    list_filter = ["action"]
    search_fields = ["proposal__title", "reason"]
    raw_id_fields = ["proposal"]


@admin.register(NominationEvent)
class NominationEventAdmin(admin.ModelAdmin):
    list_display = ["nomination", "kind", "actor", "created_at"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    raw_id_fields = ["nomination"]


@admin.register(AgendaRecusal)
class AgendaRecusalAdmin(admin.ModelAdmin):
    list_display = ["item", "member", "reason"]
    search_fields = ["member__full_name"]
    raw_id_fields = ["item", "member"]


@admin.register(AwardPrerequisite)
class AwardPrerequisiteAdmin(admin.ModelAdmin):
    list_display = ["award_type", "required_code", "times", "scope"]
    list_filter = ["scope"]
    search_fields = ["award_type__name", "award_type__code", "required_code"]


@admin.register(DisciplinaryReview)
class DisciplinaryReviewAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "start_date", "end_date"]
    search_fields = ["person__full_name", "person__code", "organization__name", "note"]


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ["award_name", "year", "person", "organization", "decision_number", "source"]
    list_filter = ["source", "year"]
    search_fields = ["award_name", "award_code", "person__full_name", "organization__name", "decision_number"]


@admin.register(AwardPlan)
class AwardPlanAdmin(admin.ModelAdmin):
    list_display = ["campaign", "award_type", "quota", "minimum_points"]
    search_fields = ["campaign__name", "campaign__plan_number", "award_type__name"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["plan", "person", "organization", "status", "is_eligible", "rank", "total"]
    list_filter = ["status", "source", "is_eligible"]
    search_fields = ["person__full_name", "organization__name", "plan__award_type__name", "plan__campaign__name"]


@admin.register(NominationDocument)
class NominationDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "nomination", "size", "created_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "sha256"]


@admin.register(PublicDisclosure)
class PublicDisclosureAdmin(admin.ModelAdmin):
    list_display = ["campaign", "starts_at", "ends_at"]
    search_fields = ["campaign__name", "note"]


@admin.register(DisclosureComment)
class DisclosureCommentAdmin(admin.ModelAdmin):
    list_display = ["disclosure", "author_name", "nomination", "created_at"]
    search_fields = ["author_name", "body"]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "is_active"]
    search_fields = ["name", "organization__name"]
    inlines = [CouncilMemberInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    list_display = ["full_name", "council", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["full_name", "user__username", "council__name"]


@admin.register(CouncilSession)
class CouncilSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "scheduled_at", "status", "members_total", "present_count"]
    list_filter = ["status"]
    search_fields = ["title", "council__name", "place"]


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "member", "is_present"]
    search_fields = ["session__title", "member__full_name"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["session", "nomination", "approve_count", "reject_count", "abstain_count", "result"]
    list_filter = ["result"]
    search_fields = ["session__title", "nomination__person__full_name", "nomination__organization__name"]


@admin.register(CountingCommitteeSeat)
class CountingCommitteeSeatAdmin(admin.ModelAdmin):
    list_display = ["session", "member", "position"]
    search_fields = ["session__title", "member__full_name"]


@admin.register(WrittenVote)
class WrittenVoteAdmin(admin.ModelAdmin):
    list_display = ["session", "member", "item", "choice"]
    list_filter = ["choice"]
    search_fields = ["session__title", "member__full_name", "opinion"]


@admin.register(BallotCast)
class BallotCastAdmin(admin.ModelAdmin):
    list_display = ["session", "member"]
    search_fields = ["session__title", "member__full_name"]


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["organization", "kind", "year", "symbol", "last_number"]
    list_filter = ["kind", "year"]
    search_fields = ["organization__name", "symbol"]


class DecisionRecipientInline(admin.TabularInline):
    model = DecisionRecipient
    extra = 0


@admin.register(AwardDecision)
class AwardDecisionAdmin(admin.ModelAdmin):
    list_display = ["number_text", "title", "issuing_organization", "decision_date", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["number_text", "title", "issuing_organization__name", "signer_name"]
    inlines = [DecisionRecipientInline]


@admin.register(DecisionRecipient)
class DecisionRecipientAdmin(admin.ModelAdmin):
    list_display = ["recipient_name", "award_type", "decision"]
    search_fields = ["recipient_name", "recipient_detail", "decision__number_text"]


@admin.register(DecisionDocument)
class DecisionDocumentAdmin(admin.ModelAdmin):
    list_display = ["decision", "status", "sha256"]
    list_filter = ["status"]
    search_fields = ["decision__number_text", "sha256"]


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "organization"]
    search_fields = ["name", "organization__name"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["serial", "golden_book_number", "recipient", "status", "rendered_at"]
    list_filter = ["status"]
    search_fields = ["serial", "golden_book_number", "recipient__recipient_name", "sha256"]
