"""The awards app's models, one module per part of the domain."""

from awards.models.api import ApiToken
from awards.models.catalogue import AwardPrerequisite, AwardType, DisciplinaryReview
from awards.models.councils import (
    AgendaItem,
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
from awards.models.nominations import AwardPlan, DisclosureComment, Nomination, NominationDocument, PublicDisclosure
from awards.models.public import CommentStatus, Publication, PublicComment
from awards.models.reports import CampaignReport, ReportKind, ReportStatus
from awards.models.statistics import StatisticsInput

__all__ = [
    "STAGE_ORDER",
    "AgendaItem",
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
    "ReportKind",
    "ReportStatus",
    "SessionAttendance",
    "StatisticsInput",
    "WrittenVote",
]
