"""Review levels (campaigns.enums.ReviewLevel): which level a submission waits at and who holds it.

A campaign lists its levels in order (``Campaign.review_levels``, default ``["reviewer"]``); a submission's
``review_stage`` indexes the level it waits at. Who holds a level for a submission:

- ``bloc_member`` (chấm chéo): a scorer of another organisation in one of the participant's blocs;
- ``bloc_leader``: a scorer of the leading organisation of one of the participant's blocs (when the participant
  leads the bloc itself, the deputy leader's scorers);
- ``reviewer``: reviewers, officers and admins of the launching organisation or above (the behaviour before
  levels existed);
- ``head``: the signer (head) of the launching organisation.

A unit never reviews itself. A bloc level that does not apply to a participant (it belongs to no bloc with another
member, or no leader) is skipped; when no level of the campaign applies at all, the launching organisation's
reviewers hold the first one, so a submission can never be stranded. Superusers hold every level.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigns.enums import ReviewLevel
from organizations.enums import BlocRole, Role
from organizations.models import BlocMember
from organizations.reach import reach_for

# Roles that may review at the "reviewer" level: reviewers of the launching organisation, its officers and admins.
REVIEW_ROLES = (Role.REVIEWER, Role.OFFICER, Role.ADMIN)
BLOC_LEVELS = frozenset({ReviewLevel.BLOC_MEMBER, ReviewLevel.BLOC_LEADER})
LEVEL_LIMIT = len(ReviewLevel.values)  # a level appears at most once in a campaign's list
_PEERS_ATTR = "_bloc_peers"


def campaign_levels(campaign) -> list[str]:
    """The campaign's review levels in order (unknown values dropped; never empty)."""
    levels = [level for level in (campaign.review_levels or []) if level in ReviewLevel.values]
    return levels or [ReviewLevel.REVIEWER.value]


def stage_of(submission) -> int:
    """The submission's stage, within the campaign's levels (they may have been shortened since)."""
    return min(submission.review_stage, len(campaign_levels(submission.phase.campaign)) - 1)


def current_level(submission) -> str:
    """The level the submission waits at (or was last reviewed at)."""
    return campaign_levels(submission.phase.campaign)[stage_of(submission)]


def level_label(level: str) -> str:
    return ReviewLevel(level).label if level in ReviewLevel.values else level


def participant_organization_id(participant) -> int | None:
    """The participant's organisation: itself for a collective, the person's for an individual."""
    if participant.organization_id is not None:
        return participant.organization_id
    person = participant.person
    return person.organization_id if person is not None else None


@dataclass(frozen=True)
class BlocPeers:
    """Around one organisation: the other members of its blocs, and who acts as the leader of its blocs."""

    members: frozenset[int]
    leaders: frozenset[int]


def _peers_from_rows(organization_id: int | None, rows) -> BlocPeers:
    """``rows`` = (bloc id, organisation id, role) of every member of the blocs of ``organization_id``."""
    by_bloc: dict[int, list[tuple[int, str]]] = {}
    for bloc_id, member_id, role in rows:
        by_bloc.setdefault(bloc_id, []).append((member_id, role))
    members, leaders = set(), set()
    for seats in by_bloc.values():
        if organization_id not in {member_id for member_id, _role in seats}:
            continue
        members |= {member_id for member_id, _role in seats if member_id != organization_id}
        roles = {role: member_id for member_id, role in seats}
        leader = roles.get(BlocRole.LEADER)
        acting = roles.get(BlocRole.DEPUTY) if leader == organization_id else leader
        if acting is not None and acting != organization_id:
            leaders.add(acting)
    return BlocPeers(members=frozenset(members), leaders=frozenset(leaders))


def bloc_peers(submission) -> BlocPeers:
    """The bloc peers of the submission's participant (one query, kept on the submission object)."""
    cached = getattr(submission, _PEERS_ATTR, None)
    if cached is not None:
        return cached
    organization_id = participant_organization_id(submission.participant)
    rows = []
    if organization_id is not None:
        rows = BlocMember.objects.filter(bloc__memberships__organization_id=organization_id).values_list(
            "bloc_id", "organization_id", "role"
        )
    peers = _peers_from_rows(organization_id, rows)
    setattr(submission, _PEERS_ATTR, peers)
    return peers


def level_applies(submission, level: str) -> bool:
    """A bloc level applies only when the participant has someone to hold it; the others always apply."""
    if level == ReviewLevel.BLOC_MEMBER:
        return bool(bloc_peers(submission).members)
    if level == ReviewLevel.BLOC_LEADER:
        return bool(bloc_peers(submission).leaders)
    return True


def next_stage(submission, *, after: int) -> int | None:
    """The first stage after ``after`` whose level applies to the submission, None when none is left."""
    levels = campaign_levels(submission.phase.campaign)
    return next((i for i in range(after + 1, len(levels)) if level_applies(submission, levels[i])), None)


def first_stage(submission) -> int:
    """Where a submission's review starts when it is handed in (0 when no level applies: see the module doc)."""
    found = next_stage(submission, after=-1)
    return 0 if found is None else found


def is_campaign_reviewer(user, campaign) -> bool:
    """Reviewer, officer or admin of the campaign's launching organisation or of one above it."""
    if campaign is None:
        return False
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(campaign.launching_organization.path, *REVIEW_ROLES)


def holds_level(user, submission, level: str) -> bool:
    """True when ``user`` may review ``submission`` at ``level``."""
    reach = reach_for(user)
    campaign = submission.phase.campaign
    if reach.is_superuser:
        return True
    if level == ReviewLevel.REVIEWER:
        return is_campaign_reviewer(user, campaign)
    if level == ReviewLevel.HEAD:
        return campaign.launching_organization_id in reach.ids(Role.SIGNER)
    scorer_of = reach.ids(Role.SCORER)
    if participant_organization_id(submission.participant) in scorer_of:
        return False  # a unit never reviews itself
    if not level_applies(submission, level):
        return is_campaign_reviewer(user, campaign)
    peers = bloc_peers(submission)
    holders = peers.members if level == ReviewLevel.BLOC_MEMBER else peers.leaders
    return bool(holders & scorer_of)


def holds_any_level(user, submission) -> bool:
    """True when ``user`` holds one of the campaign's levels for ``submission`` (or reviews the campaign)."""
    if is_campaign_reviewer(user, submission.phase.campaign):
        return True
    return any(holds_level(user, submission, level) for level in campaign_levels(submission.phase.campaign))


@dataclass(frozen=True)
class BlocScope:
    """What a user's scorer seats let them review at the bloc levels: organisation ids of participants."""

    cross_check: frozenset[int]
    as_leader: frozenset[int]


def bloc_scope_for(user) -> BlocScope:
    """The participants' organisations a user cross-checks or reviews as bloc leader (one query)."""
    mine = reach_for(user).ids(Role.SCORER)
    if not mine:
        return BlocScope(cross_check=frozenset(), as_leader=frozenset())
    rows = BlocMember.objects.filter(bloc__memberships__organization_id__in=sorted(mine)).values_list(
        "bloc_id", "organization_id", "role"
    )
    by_bloc: dict[int, dict[int, str]] = {}
    for bloc_id, member_id, role in rows:
        by_bloc.setdefault(bloc_id, {})[member_id] = role
    cross_check, as_leader = set(), set()
    for seats in by_bloc.values():
        others = set(seats) - mine
        cross_check |= others
        leader = next((member for member, role in seats.items() if role == BlocRole.LEADER), None)
        if leader in mine:
            as_leader |= others
        deputies = {member for member, role in seats.items() if role == BlocRole.DEPUTY}
        if deputies & mine and leader is not None and leader not in mine:
            as_leader.add(leader)
    return BlocScope(cross_check=frozenset(cross_check), as_leader=frozenset(as_leader))
