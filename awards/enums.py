from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.pdf.once import RenderStatus  # noqa: F401 - re-exported: the status of a rendered PDF


class RecipientKind(models.TextChoices):
    """Same values as ``campaigns.enums.ParticipantKind``."""

    INDIVIDUAL = "individual", pgettext_lazy("recipient kind", "Individual")
    COLLECTIVE = "collective", pgettext_lazy("recipient kind", "Collective")


class AwardCategory(models.TextChoices):
    EMULATION_TITLE = "emulation_title", _("Emulation title")
    COMMENDATION = "commendation", _("Form of commendation")


class AwardLevel(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots level")
    MINISTRY_PROVINCE = "ministry_province", _("Ministry, central body or province level")
    GOVERNMENT = "government", _("Government level")
    STATE = "state", _("State level")
    ORGANIZATION = "organization", _("Own title of an organisation")


class DecidingAuthority(models.TextChoices):
    """Who decides an award (thẩm quyền quyết định khen thưởng): the data an organisation's authority is read from."""

    OWN = "own", _("The organisation itself (its own titles, its head's Giấy khen and grassroots titles)")
    PROVINCE_MINISTRY = "province_ministry", _("The head of a ministry, central body or province")
    PRIME_MINISTER = "prime_minister", _("The Prime Minister")
    PRESIDENT = "president", _("The President")


class ThresholdBase(models.TextChoices):
    ALL_MEMBERS = "all", _("of all council members")
    PRESENT = "present", _("of the members present")


class TaskRating(models.TextChoices):
    """The level of task completion of the yearly evaluation (mức độ hoàn thành nhiệm vụ), best first."""

    EXCELLENT = "excellent", _("Completed tasks with excellence")
    GOOD = "good", _("Completed tasks well")
    COMPLETED = "completed", _("Completed tasks")
    NOT_COMPLETED = "not_completed", _("Did not complete tasks")


class PrerequisiteScope(models.TextChoices):
    CONSECUTIVE = "consecutive", _("in consecutive years")
    SAME_YEAR = "same_year", _("in the same year")
    ANY = "any", _("at any time")


class RecordSource(models.TextChoices):
    DECISION = "decision", _("Decision issued in this system")
    IMPORT = "import", _("Imported")
    MANUAL = "manual", _("Entered by hand")


class NominationSource(models.TextChoices):
    RANKING = "ranking", _("From the ranking")
    MANUAL = "manual", _("Added by hand")


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved by the council")
    REJECTED = "rejected", _("Not approved by the council")
    DECIDED = "decided", _("Awarded by a decision")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class NominationEventKind(models.TextChoices):
    ADDED = "added", _("Added by hand")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RESTORED = "restored", _("Nominated again")


class DocumentKind(models.TextChoices):
    COVER_REQUEST = "cover_request", _("Cover request (tờ trình)")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report (báo cáo thành tích)")
    MINUTES = "minutes", _("Minutes (biên bản)")
    OTHER = "other", _("Other attachment")


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    OPEN = "open", _("Open (attendance)")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Closed")


class VoteChoice(models.TextChoices):
    """What a member may choose on a ballot; the choice itself is never stored against the member."""

    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    ABSTAIN = "abstain", _("Abstain")


class RecusalReason(models.TextChoices):
    NOMINEE = "nominee", _("is the nominee")
    UNIT_HEAD = "unit_head", _("heads the nominated unit")


class AgendaResult(models.TextChoices):
    PENDING = "pending", _("Not counted yet")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Award decision")
    CORRECTION = "correction", _("Correction")
    REVOCATION = "revocation", _("Revocation")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class RegisterKind(models.TextChoices):
    DECISION = "decision", _("Decision numbers")
    GOLDEN_BOOK = "golden_book", _("Golden-book numbers")
    CERTIFICATE = "certificate", _("Certificate serials")
    MINUTES = "minutes", _("Minutes numbers")


class AuthorityPrefix(models.TextChoices):
    """How the signer signs (thẩm quyền ký): written "TM." / "T/M" … by ``common.documents`` in each style."""

    TM = "tm", _("TM. / T/M – on behalf of a collective body")
    KT = "kt", _("KT. / K/T – a deputy signing for the head")
    Q = "q", _("Q. – acting head")
    TL = "tl", _("TL. / T/L – by order of the head")
    TUQ = "tuq", _("TUQ. / T/UQ – by authorisation of the head")


class WrittenChoice(models.TextChoices):
    """An absent member's written vote (ý kiến bằng văn bản): named by nature, kept apart from the secret ballot."""

    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")


class ProposalStatus(models.TextChoices):
    """The road of a proposal (hồ sơ đề nghị khen thưởng) to the level above."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned to a specialist")
    CHECKED = "checked", _("Checked")
    RETURNED = "returned", _("Returned for completion")
    TO_COUNCIL = "to_council", _("Put to the council")
    DECIDED = "decided", _("Decided")
    ISSUED = "issued", _("Decision issued")


class ProposalAction(models.TextChoices):
    """One recorded step of a proposal's history."""

    CREATED = "created", _("Created")
    SUBMITTED = "submitted", _("Submitted")
    RECALLED = "recalled", _("Recalled")
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    ITEM_CHECKED = "item_checked", _("Nominee checked")
    CHECKED = "checked", _("Check completed")
    RETURNED = "returned", _("Returned for completion")
    TO_COUNCIL = "to_council", _("Put to the council")
    ITEM_DECIDED = "item_decided", _("Nominee decided")
    DECIDED = "decided", _("Decided")
    DECISION_DRAFTED = "decision_drafted", _("Decision drafted")
    ISSUED = "issued", _("Decision issued, results sent back")


class CheckResult(models.TextChoices):
    ELIGIBLE = "eligible", _("Meets the conditions")
    NOT_ELIGIBLE = "not_eligible", _("Does not meet the conditions")


class ItemDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
