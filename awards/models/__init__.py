"""The awards app's models, one module per part of the domain."""

from .catalogue import AwardPrerequisite, AwardType, DisciplinaryReview
from .councils import AgendaItem, BallotCast, Council, CouncilMember, CouncilSession, SessionAttendance
from .decisions import (
    AwardDecision,
    Certificate,
    CertificateTemplate,
    DecisionDocument,
    DecisionRecipient,
    Register,
)
from .history import AwardRecord
from .nominations import AwardPlan, DisclosureComment, Nomination, NominationDocument, PublicDisclosure

__all__ = [
    "AgendaItem",
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
    "DecisionDocument",
    "DecisionRecipient",
    "DisciplinaryReview",
    "DisclosureComment",
    "Nomination",
    "NominationDocument",
    "PublicDisclosure",
    "Register",
    "SessionAttendance",
]
