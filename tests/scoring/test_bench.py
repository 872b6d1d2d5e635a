"""The ranking benchmark command runs end to end on a small data set and prints one JSON line."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, Participant
from organizations.models import Organization
from scoring.models import RankingRun, Score


@pytest.mark.django_db
def test_bench_ranking_prints_one_json_line_and_cleans_up():
    out = StringIO()

    call_command("bench_ranking", "--participants", "200", "--criteria", "5", stdout=out)

    lines = out.getvalue().strip().splitlines()
    result = json.loads(lines[-1])
    assert len(lines) == 1
    assert set(result) == {
        "participants",
        "criteria",
        "scores",
        "ranking_s",
        "bare_query_s",
        "ratio",
        "database",
        "peak_rss_mb",
    }
    assert (result["participants"], result["criteria"]) == (200, 5)
    assert result["scores"] == 198 * 5  # every hundredth participant never submits
    assert result["ranking_s"] > 0 and result["bare_query_s"] > 0 and result["peak_rss_mb"] > 0
    assert not Campaign.objects.exists() and not Participant.objects.exists() and not Score.objects.exists()
    assert not RankingRun.objects.exists() and not Organization.objects.filter(code__startswith="BENCH-").exists()
