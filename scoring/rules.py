"""Permission predicates for scoring: who reviews a submission (at which level), who reads its history.

The review levels and who holds them are ``scoring/levels.py``'s; with the default levels (``["reviewer"]``) the
reviewers, officers and admins of the launching organisation (or above) review, as before levels existed.
"""

import rules

from campaigns.rules import acts_for_participant
from scoring import levels

is_reviewer_of_campaign = rules.predicate(levels.is_campaign_reviewer, name="is_reviewer_of_campaign")


@rules.predicate
def is_submission_reviewer(user, submission) -> bool:
    """A reviewer of the submission's campaign (reviewer, officer or admin of the launching organisation)."""
    return submission is not None and is_reviewer_of_campaign(user, submission.phase.campaign)


@rules.predicate
def holds_current_level(user, submission) -> bool:
    """Holds the review level the submission waits at (and so may correct its answers, return or approve it)."""
    return submission is not None and levels.holds_level(user, submission, levels.current_level(submission))


@rules.predicate
def holds_a_level(user, submission) -> bool:
    """Holds one of the campaign's review levels for the submission (sees its review page and history)."""
    return submission is not None and levels.holds_any_level(user, submission)


@rules.predicate
def is_submission_owner(user, submission) -> bool:
    """Who scores for the participant: the unit's scorer; for an individual the person themself, a scorer of their
    organisation or the assigned scorer (``campaigns.rules.acts_for_participant``)."""
    return submission is not None and acts_for_participant(user, submission.participant)


rules.add_perm("scoring.review_submission", holds_current_level)
rules.add_perm("scoring.view_submission_review", holds_a_level)
rules.add_perm("scoring.view_submission_history", holds_a_level | is_submission_owner)
