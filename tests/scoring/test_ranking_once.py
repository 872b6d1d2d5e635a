"""One running ranking per campaign and phase: asking again while a run waits or computes returns that run."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scoring.enums import RankingStatus
from scoring.models import RankingRun
from scoring.ranking.services import ranking_compute, ranking_request
from tests.scoring.phases_world import build_campaign, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(org_tree, officer):
    return build_campaign(
        organization=org_tree["root"],
        officer=officer,
        phases=[("Cả năm", days(-20), days(20))],
        organizations=[org_tree["ward_a"]],
    )


def test_a_second_request_while_one_waits_or_computes_returns_it(campaign, officer):
    phase = campaign.phases.get()
    first = ranking_request(campaign=campaign, phase=phase, actor=officer)
    assert ranking_request(campaign=campaign, phase=phase, actor=officer).pk == first.pk
    RankingRun.objects.filter(pk=first.pk).update(status=RankingStatus.RUNNING, started_at=timezone.now())
    assert ranking_request(campaign=campaign, phase=phase, actor=officer).pk == first.pk
    # The whole campaign is another ranking: it gets its own run.
    whole = ranking_request(campaign=campaign, phase=None, actor=officer)
    assert whole.pk != first.pk
    assert RankingRun.objects.filter(campaign=campaign).count() == 2


def test_a_finished_or_dead_run_does_not_block_a_new_one(campaign, officer, settings):
    phase = campaign.phases.get()
    first = ranking_request(campaign=campaign, phase=phase, actor=officer)
    ranking_compute(run_id=first.pk)
    second = ranking_request(campaign=campaign, phase=phase, actor=officer)
    assert second.pk != first.pk
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    RankingRun.objects.filter(pk=second.pk).update(status=RankingStatus.RUNNING, started_at=long_ago)
    third = ranking_request(campaign=campaign, phase=phase, actor=officer)
    assert third.pk not in (first.pk, second.pk)
