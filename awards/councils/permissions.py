"""Permission predicates of the awards app's council part (registered with `rules`; imported by awards/rules.py).

Officers (and admins) of a council's organisation, or of one above it, manage the council and its sessions;
active members of a council see it; the council's secretary runs its sessions; present members vote.
The member lookups are one small query each, cached on the user object for the request.
"""

import rules

from awards.enums import CouncilRole
from awards.models import CouncilMember
from organizations.rules import is_officer_of

_SEATS_ATTR = "_active_council_seats"


def active_seats(user) -> dict[int, str]:
    """{council id: role} of the user's active council seats (one query, cached on the user instance)."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _SEATS_ATTR, None)
    if cached is None:
        cached = dict(
            CouncilMember.objects.filter(user=user, is_active=True, council__is_active=True).values_list(
                "council_id", "role"
            )
        )
        setattr(user, _SEATS_ATTR, cached)
    return cached


def seats_forget(user) -> None:
    """Drop the cached seats (after membership changes within one request or test)."""
    if hasattr(user, _SEATS_ATTR):
        delattr(user, _SEATS_ATTR)


@rules.predicate
def is_council_officer(user, council) -> bool:
    """Officer or admin of the council's organisation or of one above it."""
    return council is not None and is_officer_of(user, council.organization)


@rules.predicate
def is_council_member(user, council) -> bool:
    """An active member of an active council (any role)."""
    return council is not None and council.pk in active_seats(user)


@rules.predicate
def is_council_secretary(user, council) -> bool:
    return council is not None and active_seats(user).get(council.pk) == CouncilRole.SECRETARY


@rules.predicate
def is_session_officer(user, session) -> bool:
    return session is not None and is_council_officer(user, session.council)


@rules.predicate
def is_session_member(user, session) -> bool:
    return session is not None and is_council_member(user, session.council)


@rules.predicate
def is_session_secretary(user, session) -> bool:
    """The council's active secretary runs the session (opens it, records attendance, starts and closes voting)."""
    return session is not None and is_council_secretary(user, session.council)


rules.add_perm("awards.add_council", is_officer_of)  # object: the organisation
rules.add_perm("awards.view_council", is_council_officer | is_council_member)
rules.add_perm("awards.change_council", is_council_officer)
rules.add_perm("awards.add_councilsession", is_council_officer | is_council_secretary)
rules.add_perm("awards.view_councilsession", is_session_officer | is_session_member)
rules.add_perm("awards.change_councilsession", is_session_officer | is_session_secretary)
rules.add_perm("awards.run_councilsession", is_session_secretary)
rules.add_perm("awards.vote_councilsession", is_session_member)
rules.add_perm("awards.view_minutes_councilsession", is_session_officer | is_session_member)
