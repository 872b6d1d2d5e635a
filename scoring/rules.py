"""Permission predicates for scoring: who reviews a campaign's submissions, who reads their history."""

import rules

from organizations.enums import Role
from organizations.reach import reach_for

# Roles that may review: reviewers of the launching organisation, and its officers (admins), or above.
REVIEW_ROLES = (Role.REVIEWER, Role.OFFICER, Role.ADMIN)


@rules.predicate
def is_reviewer_of_campaign(user, campaign) -> bool:
    """Reviewer, officer or admin of the campaign's launching organisation or of one above it."""
    if campaign is None:
        return False
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(campaign.launching_organization.path, *REVIEW_ROLES)


@rules.predicate
def is_submission_reviewer(user, submission) -> bool:
    return submission is not None and is_reviewer_of_campaign(user, submission.phase.campaign)


@rules.predicate
def is_submission_owner(user, submission) -> bool:
    """The participating unit's scorer, or the participating person themself."""
    if submission is None:
        return False
    participant = submission.participant
    if participant.organization_id is not None:
        return participant.organization_id in reach_for(user).ids(Role.SCORER)
    return participant.person is not None and participant.person.user_id == user.pk


rules.add_perm("scoring.review_submission", is_submission_reviewer)
rules.add_perm("scoring.view_submission_history", is_submission_reviewer | is_submission_owner)
