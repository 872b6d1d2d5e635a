"""What the home page shows a council member, a secretary or a signer: their awards to-dos."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from awards.enums import CouncilRole, DecisionStatus, SessionStatus
from awards.models import AwardDecision, BallotCast, CouncilMember, CouncilSession, SessionAttendance
from organizations.enums import Role
from organizations.reach import reach_for

ACTIVE_SESSIONS = (SessionStatus.DRAFT, SessionStatus.OPEN, SessionStatus.VOTING)


def council_sessions_for_user(user) -> QuerySet[CouncilSession]:
    """Sessions not yet closed of the councils where the user holds an active seat, with what they must do.

    Annotated: ``is_secretary``, ``is_present`` (recorded present), ``has_voted``.
    """
    seats = CouncilMember.objects.filter(user=user, is_active=True)
    return (
        CouncilSession.objects.filter(council__in=seats.values("council"), status__in=ACTIVE_SESSIONS)
        .select_related("council")
        .annotate(
            is_secretary=Exists(seats.filter(council=OuterRef("council"), role=CouncilRole.SECRETARY)),
            is_present=Exists(
                SessionAttendance.objects.filter(session=OuterRef("pk"), member__user=user, is_present=True)
            ),
            has_voted=Exists(BallotCast.objects.filter(session=OuterRef("pk"), member__user=user)),
        )
        .order_by("scheduled_at", "pk")
    )


def decisions_to_sign(user) -> QuerySet[AwardDecision]:
    """Draft decisions of organisations the user signs for (a signer's reach covers the subtree)."""
    condition = reach_for(user).below_q(Role.SIGNER, prefix="issuing_organization__")
    return (
        AwardDecision.objects.filter(condition, status=DecisionStatus.DRAFT)
        .select_related("issuing_organization")
        .order_by("-created_at")
    )
