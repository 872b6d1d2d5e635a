"""Permission predicates of the awards app's nomination part (registered with `rules`; imported by awards/rules.py).

Officers of a campaign manage its award plans, nominations, dossiers and disclosures; the scorer of a nominated unit
(or of a nominated person's unit) sees that nomination and looks after its achievement report.
"""

import rules

from awards.enums import NominationStatus
from campaigns.rules import is_campaign_officer
from organizations.rules import is_scorer_of


def _unit(nomination):
    """The organisation that answers for a nomination: the collective itself, or the person's unit."""
    if nomination.organization_id:
        return nomination.organization
    return nomination.person.organization if nomination.person_id else None


@rules.predicate
def is_nomination_officer(user, nomination) -> bool:
    return nomination is not None and is_campaign_officer(user, nomination.plan.campaign)


@rules.predicate
def is_nominated_unit_scorer(user, nomination) -> bool:
    return nomination is not None and is_scorer_of(user, _unit(nomination))


@rules.predicate
def nomination_is_proposed(user, nomination) -> bool:
    return nomination is not None and nomination.status == NominationStatus.PROPOSED


rules.add_perm("awards.manage_awardplan", is_campaign_officer)
rules.add_perm("awards.view_nomination", is_nomination_officer | is_nominated_unit_scorer)
rules.add_perm("awards.change_nomination", is_nomination_officer & nomination_is_proposed)
rules.add_perm(
    "awards.add_nominationdocument", (is_nomination_officer | is_nominated_unit_scorer) & nomination_is_proposed
)
rules.add_perm("awards.publish_publicdisclosure", is_campaign_officer)
