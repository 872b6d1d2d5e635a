"""Permission predicates for campaigns."""

import rules

from campaigns.enums import CampaignStatus
from organizations.enums import Role
from organizations.reach import reach_for
from organizations.rules import is_officer_of


@rules.predicate
def is_campaign_officer(user, campaign) -> bool:
    """Officer (or admin) of the launching organisation or of an organisation above it."""
    return campaign is not None and is_officer_of(user, campaign.launching_organization)


@rules.predicate
def campaign_is_draft(user, campaign) -> bool:
    return campaign is not None and campaign.status == CampaignStatus.DRAFT


@rules.predicate
def campaign_is_open_for_changes(user, campaign) -> bool:
    return campaign is not None and campaign.status not in (CampaignStatus.FINALISED, CampaignStatus.ARCHIVED)


@rules.predicate
def acts_for_participant(user, participant) -> bool:
    """Who scores and registers for a participant: the unit's scorer for a collective; for an individual the
    person's own login, a scorer of the person's organisation, or the user the officer assigned
    (the same people as ``campaigns.selectors.participant_scored_by_q``)."""
    if participant is None or user is None or not user.is_authenticated:
        return False
    units = reach_for(user).ids(Role.SCORER)
    if participant.organization_id:
        return participant.organization_id in units
    if participant.scorer_id is not None and participant.scorer_id == user.pk:
        return True
    person = participant.person
    return person is not None and (person.user_id == user.pk or person.organization_id in units)


rules.add_perm("campaigns.change_campaign", is_campaign_officer & campaign_is_open_for_changes)
rules.add_perm("campaigns.delete_campaign", is_campaign_officer & campaign_is_draft)
rules.add_perm("campaigns.transition_campaign", is_campaign_officer)
