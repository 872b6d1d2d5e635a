"""load_demo takes seed 004 through self-scoring, review and a computed ranking (wards ≥ 90 are Xuất sắc)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from scoring.models import RankingEntry, RankingRun, Submission, SubmissionEvent

pytestmark = pytest.mark.django_db


def _load():
    call_command("load_demo", stdout=StringIO())


def test_demo_scores_reviews_and_ranks_the_soc_trang_wards():
    _load()
    statuses = dict(
        Submission.objects.filter(participant__organization__code__startswith="BTG-ST-").values_list(
            "participant__organization__code", "status"
        )
    )
    assert len(statuses) == 10 and statuses["BTG-ST-P7"] == "returned" and statuses["BTG-ST-P10"] == "submitted"
    assert list(statuses.values()).count("verified") == 6
    soc_trang = RankingRun.objects.exclude(campaign__plan_number="99-KH/MINHHOA")
    run = soc_trang.get(is_current=True, phase__isnull=False)
    assert soc_trang.filter(is_current=True, phase__isnull=True).exists()  # the whole campaign too
    entries = {
        e.participant.organization.code: e
        for e in RankingEntry.objects.filter(run=run).select_related("participant__organization")
    }
    assert all(e.tier_name == "Xuất sắc" for e in entries.values() if e.total >= 90)
    assert {c for c, e in entries.items() if e.tier_name == "Xuất sắc"} == {"BTG-ST-P1", "BTG-ST-P2", "BTG-ST-P3"}
    assert entries["BTG-ST-P4"].total == Decimal("86.00")  # the reviewer took a point off, with a reason
    assert [entries[c].rank for c in ("BTG-ST-P4", "BTG-ST-P5", "BTG-ST-P6", "BTG-ST-P7")] == [4, 4, 4, 7]
    assert not entries["BTG-ST-P8"].is_fully_verified and entries["BTG-ST-P1"].is_fully_verified
    assert (
        SubmissionEvent.objects.filter(
            action="reopen",
            submission__in=Submission.objects.filter(participant__organization__code__startswith="BTG-ST-"),
        ).count()
        == 10
    )  # late entry is recorded


def test_demo_scoring_runs_once():
    _load()
    counts = (Submission.objects.count(), SubmissionEvent.objects.count(), RankingRun.objects.count())
    _load()
    assert (Submission.objects.count(), SubmissionEvent.objects.count(), RankingRun.objects.count()) == counts
