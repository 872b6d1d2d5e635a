"""The awards app's models, one module per part of the domain."""

from awards.models.api import ApiToken
from awards.models.catalogue import AuthorityHolder, AwardPrerequisite, AwardType, DisciplinaryReview
from awards.models.councils import (
    AgendaItem,
    AgendaRecusal,
    BallotCast,
    Council,
    CouncilMember,
    CouncilSession,
    CountingCommitteeSeat,
    SessionAttendance,
    WrittenVote,
)
from awards.models.decisions import (
    AwardDecision,
    Certificate,
    CertificateTemplate,
    DecisionDocument,
    DecisionRecipient,
    Register,
)
from awards.models.exemplary import (
    STAGE_ORDER,
    ExemplaryAdoption,
    ExemplaryKind,
    ExemplaryModel,
    ExemplaryStage,
    ExemplaryStep,
)
from awards.models.history import AwardRecord
from awards.models.nominations import (
    AwardPlan,
    DisclosureComment,
    Nomination,
    NominationDocument,
    NominationEvent,
    PublicDisclosure,
)
from awards.models.proposals import Holiday, Proposal, ProposalEvent, ProposalItem, StepTimeLimit
from awards.models.public import CommentStatus, Publication, PublicComment
from awards.models.reports import CampaignReport, ReportKind, ReportStatus
from awards.models.statistics import StatisticsInput

__all__ = [
    "STAGE_ORDER",
    "AgendaItem",
    "AgendaRecusal",
    "AuthorityHolder",
    "ApiToken",
    "AwardDecision",
    "AwardPlan",
    "AwardPrerequisite",
    "AwardRecord",
    "AwardType",
    "BallotCast",
    "CampaignReport",
    "Certificate",
    "CommentStatus",
    "CertificateTemplate",
    "Council",
    "CouncilMember",
    "CouncilSession",
    "CountingCommitteeSeat",
    "DecisionDocument",
    "DecisionRecipient",
    "DisciplinaryReview",
    "DisclosureComment",
    "Holiday",
    "Nomination",
    "NominationDocument",
    "NominationEvent",
    "Proposal",
    "ProposalEvent",
    "ProposalItem",
    "ExemplaryAdoption",
    "ExemplaryKind",
    "ExemplaryModel",
    "ExemplaryStage",
    "ExemplaryStep",
    "Nomination",
    "NominationDocument",
    "PublicComment",
    "PublicDisclosure",
    "Publication",
    "Register",
    "StepTimeLimit",
    "ReportKind",
    "ReportStatus",
    "SessionAttendance",
    "StatisticsInput",
    "WrittenVote",
]
