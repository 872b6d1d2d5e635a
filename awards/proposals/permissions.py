"""Permission predicates of the awards app's proposal part (registered with `rules`; imported by awards/rules.py).

The proposer's officers draft, submit and recall; the upper organisation's officers (its desk) receive, assign,
return, put to the council, decide and draft the decision; the assigned specialist checks the nominees. The upper
organisation's reviewers and signers see what it received.
"""

import rules

from organizations.enums import Role
from organizations.reach import reach_for
from organizations.rules import is_officer_of


@rules.predicate
def is_proposer_officer(user, proposal) -> bool:
    return proposal is not None and is_officer_of(user, proposal.proposer)


@rules.predicate
def is_upper_desk(user, proposal) -> bool:
    return proposal is not None and is_officer_of(user, proposal.recipient)


@rules.predicate
def is_upper_staff(user, proposal) -> bool:
    """A reviewer or signer at (or above) the organisation the proposal went to."""
    return proposal is not None and reach_for(user).covers(proposal.recipient.path, Role.REVIEWER, Role.SIGNER)


@rules.predicate
def is_assigned_specialist(user, proposal) -> bool:
    return proposal is not None and proposal.assigned_to_id is not None and proposal.assigned_to_id == user.pk


@rules.predicate
def is_session_organization_officer(user, session) -> bool:
    return session is not None and is_officer_of(user, session.council.organization)


rules.add_perm("awards.add_proposal", is_session_organization_officer)  # object: the council session
rules.add_perm("awards.view_proposal", is_proposer_officer | is_upper_desk | is_upper_staff | is_assigned_specialist)
rules.add_perm("awards.send_proposal", is_proposer_officer)
rules.add_perm("awards.handle_proposal", is_upper_desk)
rules.add_perm("awards.check_proposal", is_assigned_specialist)
