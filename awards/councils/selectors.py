"""Reads for councils, their members and sessions, with the same visibility as ``council_permissions``.

Officers see the councils of the organisations in their officer/admin reach; members see the councils
they sit on. Tallies are read here only for closed sessions (views decide when to show them).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from awards.councils.permissions import active_seats
from awards.enums import NominationStatus, SessionStatus
from awards.models import AgendaItem, BallotCast, Council, CouncilMember, CouncilSession, Nomination, SessionAttendance
from common.search import search_q
from organizations.enums import Role
from organizations.reach import reach_for


def _visible_councils_q(user, prefix: str = "") -> Q:
    reach = reach_for(user)
    if reach.is_superuser:
        return Q()
    seats = Q(**{f"{prefix}pk__in": sorted(active_seats(user))})
    return seats | reach.below_q(Role.OFFICER, Role.ADMIN, prefix=f"{prefix}organization__")


def council_list_for_user(user, *, search: str = "") -> QuerySet[Council]:
    """Councils the user manages or sits on, with their organisation and active member count."""
    qs = (
        Council.objects.filter(_visible_councils_q(user))
        .select_related("organization")
        .annotate(member_count=Count("members", filter=Q(members__is_active=True)))
        .order_by("organization__path", "name")
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | search_q(search, "organization__"))
    return qs


def council_get_for_user(user, *, pk: int) -> Council | None:
    return Council.objects.filter(_visible_councils_q(user), pk=pk).select_related("organization").first()


def council_member_list(council: Council) -> QuerySet[CouncilMember]:
    """Members by role order (chair, vice-chairs, secretary, members), active first."""
    return council.members.select_related("user").order_by("-is_active", "role", "full_name")


def member_user_choices(council: Council) -> QuerySet:
    """User accounts with a membership in the council's organisation or one below it."""
    users = get_user_model().objects.filter(
        is_active=True, memberships__organization__path__startswith=council.organization.path
    )
    return users.select_related("person").distinct().order_by("username")


def session_list(council: Council) -> QuerySet[CouncilSession]:
    """The council's sessions, newest first, with their agenda size."""
    return council.sessions.annotate(item_count=Count("agenda")).order_by("-scheduled_at", "-pk")


def session_get_for_user(user, *, pk: int) -> CouncilSession | None:
    qs = CouncilSession.objects.filter(_visible_councils_q(user, "council__"), pk=pk)
    return qs.select_related("council__organization", "campaign", "secretary", "chair").first()


def agenda_list(session: CouncilSession) -> QuerySet[AgendaItem]:
    """The agenda in order, with nominee and award (one query)."""
    return session.agenda.select_related(
        "nomination__person", "nomination__organization", "nomination__plan__award_type", "nomination__plan__campaign"
    ).order_by("position", "pk")


def nomination_candidates(session: CouncilSession, *, search: str = "") -> QuerySet[Nomination]:
    """Proposed, eligible nominations of campaigns launched at or below the council's organisation that are not
    on the agenda of any session still in progress (of ``session.campaign`` only when the session has one)."""
    busy = AgendaItem.objects.exclude(session__status=SessionStatus.CLOSED).values("nomination_id")
    qs = Nomination.objects.filter(
        status=NominationStatus.PROPOSED,
        is_eligible=True,
        plan__campaign__launching_organization__path__startswith=session.council.organization.path,
    ).exclude(pk__in=busy)
    if session.campaign_id:
        qs = qs.filter(plan__campaign_id=session.campaign_id)
    if search:
        qs = qs.filter(search_q(search, "person__", "organization__"))
    return qs.select_related("person", "organization", "plan__award_type", "plan__campaign").order_by(
        "plan__campaign__name", "plan__award_type__name", "position", "pk"
    )


def attendance_list(session: CouncilSession) -> QuerySet[SessionAttendance]:
    return session.attendance.select_related("member").order_by("member__role", "member__full_name")


def session_member_for(session: CouncilSession, user) -> CouncilMember | None:
    """The user's active seat in the session's council, or None."""
    return CouncilMember.objects.filter(council_id=session.council_id, user=user, is_active=True).first()


def is_present(session: CouncilSession, member: CouncilMember) -> bool:
    return SessionAttendance.objects.filter(session=session, member=member, is_present=True).exists()


def has_voted(session: CouncilSession, member: CouncilMember) -> bool:
    return BallotCast.objects.filter(session=session, member=member).exists()


def ballot_count(session: CouncilSession) -> int:
    """How many members have cast their ballot (the only progress shown before voting closes)."""
    return BallotCast.objects.filter(session=session).count()


def committee_ids(session: CouncilSession) -> list[int]:
    """The counting committee's member ids, its head first."""
    return list(session.counting_committee.order_by("position", "pk").values_list("member_id", flat=True))


def written_vote_counts(session: CouncilSession) -> dict[int, int]:
    """{member id: how many written votes the absent member has}."""
    rows = session.written_votes.values("member_id").annotate(n=Count("pk"))
    return {row["member_id"]: row["n"] for row in rows}


def written_votes_of(session: CouncilSession, member: CouncilMember) -> dict[int, tuple[str, str]]:
    """{agenda item id: (choice, opinion)} of one absent member's written votes."""
    rows = session.written_votes.filter(member=member).values_list("item_id", "choice", "opinion")
    return {item_id: (choice, opinion) for item_id, choice, opinion in rows}
