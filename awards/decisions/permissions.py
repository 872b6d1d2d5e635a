"""Permission predicates of the awards app's decision part (registered with `rules`; imported by awards/rules.py).

Officers (and admins) of the issuing organisation draft decisions; only a signer whose reach covers the issuing
organisation issues them. Certificates are also downloadable by the recipient's own unit (or the person).
"""

import rules

from organizations.enums import TREE_ROLES, Role
from organizations.reach import reach_for
from organizations.rules import is_officer_of


@rules.predicate
def is_signer_of(user, organization) -> bool:
    """Signer at ``organization`` or above it (superusers too)."""
    if organization is None:
        return False
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(organization.path, Role.SIGNER)


@rules.predicate
def is_decision_officer(user, decision) -> bool:
    return decision is not None and is_officer_of(user, decision.issuing_organization)


@rules.predicate
def is_decision_signer(user, decision) -> bool:
    return decision is not None and is_signer_of(user, decision.issuing_organization)


@rules.predicate
def is_draft(user, decision) -> bool:
    return decision is not None and not decision.is_issued


@rules.predicate
def is_recipient_side(user, certificate) -> bool:
    """The recipient's unit (its scorer, or a tree role above it) or the awarded person themself."""
    if certificate is None:
        return False
    line = certificate.recipient
    person = line.person if line.person_id else None
    if person is not None and person.user_id == user.pk:
        return True
    unit = person.organization if person is not None else line.organization
    reach = reach_for(user)
    return unit.pk in reach.ids(Role.SCORER) or reach.covers(unit.path, *TREE_ROLES)


@rules.predicate
def can_see_certificate_decision(user, certificate) -> bool:
    if certificate is None:
        return False
    decision = certificate.recipient.decision
    return is_decision_officer(user, decision) or is_decision_signer(user, decision)


@rules.predicate
def is_template_officer(user, template) -> bool:
    return template is not None and is_officer_of(user, template.organization)


rules.add_perm("awards.view_awarddecision", is_decision_officer | is_decision_signer)
rules.add_perm("awards.change_awarddecision", is_decision_officer & is_draft)
rules.add_perm("awards.issue_awarddecision", is_decision_signer & is_draft)
rules.add_perm("awards.add_followup_awarddecision", is_decision_officer & ~is_draft)
rules.add_perm("awards.download_certificate", can_see_certificate_decision | is_recipient_side)
rules.add_perm("awards.change_certificatetemplate", is_template_officer)
