"""Two reviewers saving the same score at the same moment, many rounds: exactly one wins each round (PostgreSQL).

The optimistic version of scoring/review/services.score_verify (the reviewer corrects the unit's answers): both read
version v, both write expecting v, one UPDATE matches. CI runs FAULTS_REVIEW_ROUNDS (20);
``benchmarks/faults.py concurrent-reviews`` runs 200.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from campaigns.models import Participant
from organizations.enums import Role
from scoring.models import Score, SubmissionEvent
from scoring.review import services as review_services
from tests.factories import MembershipFactory, UserFactory
from tests.faults import support
from tests.scoring.answers import manual, scored_submission
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db(transaction=True)


def _score(org_tree, officer) -> Score:
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]])
    submission = scored_submission(
        Participant.objects.get(campaign=campaign), campaign.phases.get(), manual({"3": 7})
    )  # handed in; criterion 3: manual, at most 15 points
    return submission.scores.get(criterion__code="3")


def _round(score_pk: int, version: int, reviewers) -> list[str]:
    barrier = threading.Barrier(len(reviewers))
    outcomes: list[str] = []

    def save(actor, points):
        try:
            barrier.wait(timeout=30)
            review_services.score_verify(
                score=Score.objects.get(pk=score_pk),
                inputs={"points": str(points)},  # the reviewer corrects the unit's answer
                review_note=f"bởi {actor.username}",
                expected_version=version,
                actor=actor,
            )
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=save, args=(actor, points)) for actor, points in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


def test_two_reviewers_saving_one_score_concurrently_one_wins_every_round(postgresql, org_tree, officer):
    rounds = support.env_size("FAULTS_REVIEW_ROUNDS", 20)
    reviewer = UserFactory(username="reviewer")
    MembershipFactory(user=reviewer, organization=org_tree["root"], role=Role.REVIEWER)
    score = _score(org_tree, officer)

    single_winners = 0
    for version in range(rounds):
        # A different value each round from each reviewer, so every win is a real change (and a history row).
        outcome = _round(score.pk, version, [(reviewer, 1 + version % 7), (officer, 8 + version % 7)])
        single_winners += outcome == ["conflict", "saved"]

    support.report(f"concurrent reviews: {rounds} rounds, {single_winners} single winners")
    score.refresh_from_db()
    assert single_winners == rounds
    assert score.version == rounds
    assert SubmissionEvent.objects.filter(score=score, action="verify", field="verified_points").count() == rounds
