from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.enums import DecisionStatus, NominationStatus, RecordSource, SessionStatus
from awards.models import (
    AgendaItem,
    AgendaRecusal,
    AuthorityHolder,
    AwardDecision,
    AwardPlan,
    AwardPrerequisite,
    AwardRecord,
    AwardType,
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
from common.admin import ProtectedAdminMixin
from organizations.audit import AuditedAdminMixin


class PrerequisiteInline(admin.TabularInline):
    model = AwardPrerequisite
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "recipient_kind",
        "level",
        "decided_by",
        "valid_from",
        "valid_to",
        "threshold_percent",
        "threshold_basis",
        "minimum_rating",
        "is_active",
    ]
    list_filter = ["category", "recipient_kind", "level", "decided_by", "is_active", "secret_ballot", "minimum_rating"]
    search_fields = ["code", "name", "legal_basis", "threshold_basis", "conditions_basis"]
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
class AwardPrerequisiteAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["award_type", "required_code", "times", "scope"]
    list_filter = ["scope"]
    search_fields = ["award_type__name", "award_type__code", "required_code"]


@admin.register(DisciplinaryReview)
class DisciplinaryReviewAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["person", "organization", "start_date", "end_date"]
    search_fields = ["person__full_name", "person__code", "organization__name", "note"]


@admin.register(AwardRecord)
class AwardRecordAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Rows written by an issued decision are read-only (the decision is the record); imported and hand-entered
    rows of past years can still be corrected here."""

    protect_add = False

    def is_protected(self, obj) -> bool:
        return obj.source == RecordSource.DECISION

    list_display = ["award_name", "year", "person", "organization", "decision_number", "source"]
    list_filter = ["source", "year"]
    search_fields = ["award_name", "award_code", "person__full_name", "organization__name", "decision_number"]


@admin.register(AwardPlan)
class AwardPlanAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "award_type", "quota", "minimum_points"]
    search_fields = ["campaign__name", "campaign__plan_number", "award_type__name"]


@admin.register(Nomination)
class NominationAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """A nomination the council has voted on (or that was withdrawn or decided) is read-only: its state is the
    ballot's result."""

    protect_add = False

    def is_protected(self, obj) -> bool:
        return obj.status != NominationStatus.PROPOSED

    list_display = ["plan", "person", "organization", "status", "is_eligible", "rank", "total"]
    list_filter = ["status", "source", "is_eligible"]
    search_fields = ["person__full_name", "organization__name", "plan__award_type__name", "plan__campaign__name"]


@admin.register(NominationDocument)
class NominationDocumentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "kind", "nomination", "size", "created_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "sha256"]


@admin.register(PublicDisclosure)
class PublicDisclosureAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "starts_at", "ends_at"]
    search_fields = ["campaign__name", "note"]


@admin.register(DisclosureComment)
class DisclosureCommentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["disclosure", "author_name", "nomination", "created_at"]
    search_fields = ["author_name", "body"]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0


@admin.register(Council)
class CouncilAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "organization", "is_active"]
    search_fields = ["name", "organization__name"]
    inlines = [CouncilMemberInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["full_name", "council", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["full_name", "user__username", "council__name"]


@admin.register(CouncilSession)
class CouncilSessionAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """A session is prepared in the app; once opened, its state, attendance counts and minutes are read-only."""

    protect_add = False

    def is_protected(self, obj) -> bool:
        return obj.status != SessionStatus.DRAFT

    list_display = ["title", "council", "scheduled_at", "status", "members_total", "present_count"]
    list_filter = ["status"]
    search_fields = ["title", "council__name", "place"]


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["session", "member", "is_present"]
    search_fields = ["session__title", "member__full_name"]


TALLY_FIELDS = ("approve_count", "reject_count", "abstain_count", "written_approve_count", "written_reject_count")


@admin.register(AgendaItem)
class AgendaItemAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Read-only; the tallies are shown only once the session's vote is closed (totals only, never who voted when)."""

    list_display = ["session", "nomination", "approve_total", "reject_total", "abstain_total", "result"]
    list_filter = ["result"]
    search_fields = ["session__title", "nomination__person__full_name", "nomination__organization__name"]
    list_select_related = ["session"]

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if obj is None or obj.session.status != SessionStatus.CLOSED:
            excluded.extend(TALLY_FIELDS)
        return excluded

    def _total(self, obj, field: str):
        return getattr(obj, field) if obj.session.status == SessionStatus.CLOSED else "—"

    @admin.display(description=_("approve"))
    def approve_total(self, obj):
        return self._total(obj, "approve_count")

    @admin.display(description=_("reject"))
    def reject_total(self, obj):
        return self._total(obj, "reject_count")

    @admin.display(description=_("abstain"))
    def abstain_total(self, obj):
        return self._total(obj, "abstain_count")


@admin.register(CountingCommitteeSeat)
class CountingCommitteeSeatAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["session", "member", "position"]
    search_fields = ["session__title", "member__full_name"]


@admin.register(WrittenVote)
class WrittenVoteAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["session", "member", "item", "choice"]
    list_filter = ["choice"]
    search_fields = ["session__title", "member__full_name", "opinion"]


# BallotCast is not in the admin at all: its rows (who has voted, in which order) are the ballot's secret.


@admin.register(Register)
class RegisterAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "kind", "year", "symbol", "last_number"]
    list_filter = ["kind", "year"]
    search_fields = ["organization__name", "symbol"]


class DecisionRecipientInline(ProtectedAdminMixin, admin.TabularInline):
    model = DecisionRecipient
    extra = 0
    protect_add = False

    def is_protected(self, obj) -> bool:
        return obj is not None and obj.status == DecisionStatus.ISSUED


def _issued(decision) -> bool:
    return decision.status == DecisionStatus.ISSUED


@admin.register(AwardDecision)
class AwardDecisionAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Drafts can be corrected here; an issued decision is read-only (and its database triggers refuse changes)."""

    protect_add = False

    def is_protected(self, obj) -> bool:
        return _issued(obj)

    list_display = ["number_text", "title", "issuing_organization", "decision_date", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["number_text", "title", "issuing_organization__name", "signer_name"]
    inlines = [DecisionRecipientInline]


@admin.register(DecisionRecipient)
class DecisionRecipientAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    protect_add = False

    def is_protected(self, obj) -> bool:
        return _issued(obj.decision)

    list_display = ["recipient_name", "award_type", "decision"]
    search_fields = ["recipient_name", "recipient_detail", "decision__number_text"]


@admin.register(DecisionDocument)
class DecisionDocumentAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["decision", "status", "sha256"]
    list_filter = ["status"]
    search_fields = ["decision__number_text", "sha256"]


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "organization"]
    search_fields = ["name", "organization__name"]


@admin.register(Certificate)
class CertificateAdmin(ProtectedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["serial", "golden_book_number", "recipient", "status", "rendered_at"]
    list_filter = ["status"]
    search_fields = ["serial", "golden_book_number", "recipient__recipient_name", "sha256"]


from awards import admin_parts  # noqa: E402, F401 - the newer parts' registrations
