"""The awards app's models, one module per part of the domain."""

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

__all__ = [
    "AgendaItem",
    "AgendaRecusal",
    "AuthorityHolder",
    "AwardDecision",
    "AwardPlan",
    "AwardPrerequisite",
    "AwardRecord",
    "AwardType",
    "BallotCast",
    "Certificate",
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
    "PublicDisclosure",
    "Register",
    "StepTimeLimit",
    "SessionAttendance",
    "WrittenVote",
]
