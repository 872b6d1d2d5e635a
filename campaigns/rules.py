"""Permission predicates for campaigns."""

import rules

from campaigns.enums import CampaignStatus
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


rules.add_perm("campaigns.change_campaign", is_campaign_officer & campaign_is_open_for_changes)
rules.add_perm("campaigns.delete_campaign", is_campaign_officer & campaign_is_draft)
rules.add_perm("campaigns.transition_campaign", is_campaign_officer)
