"""Tables and scores made before rule-based tables migrate without losing a figure (campaigns 0004–0006, scoring
0003–0004): methods mapped, tiers copied to each table, answers kept, results and totals filled in — and the
engine recomputing them from the migrated answers gives the same figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns import points as pt
from campaigns.models import Criterion, ScoringTable, Tier
from campaigns.tables.spec import table_spec
from scoring.models import Score, Submission

# The state before rule-based tables (organizations too: its later columns would be missing from the old models).
OLD = [
    ("organizations", "0001_initial"),
    ("campaigns", "0003_plan_document_private_name"),
    ("scoring", "0002_ranking_results_lean"),
]
D = Decimal


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _legacy_data(apps) -> dict:
    Organization = apps.get_model("organizations", "Organization")
    Campaign = apps.get_model("campaigns", "Campaign")
    Phase = apps.get_model("campaigns", "Phase")
    Table = apps.get_model("campaigns", "ScoringTable")
    Group = apps.get_model("campaigns", "CriterionGroup")
    LegacyCriterion = apps.get_model("campaigns", "Criterion")
    LegacyTier = apps.get_model("campaigns", "Tier")
    Participant = apps.get_model("campaigns", "Participant")
    LegacySubmission = apps.get_model("scoring", "Submission")
    LegacyScore = apps.get_model("scoring", "Score")

    board = Organization.objects.create(code="MIG-B", name="Ban", path="0001.", depth=0)
    ward = Organization.objects.create(code="MIG-W", name="Phường", path="0001.0001.", depth=1, parent=board)
    campaign = Campaign.objects.create(
        launching_organization=board,
        plan_number="1-KH/MIG",
        plan_date=date(2023, 1, 2),
        signer_name="A",
        signer_title="B",
        name="Cũ",
        start_date=date(2023, 1, 1),
        end_date=date(2023, 12, 31),
        status="launched",
    )
    phase = Phase.objects.create(
        campaign=campaign, position=1, name="Năm", start_date=date(2023, 1, 1), end_date=date(2023, 12, 31)
    )
    table = Table.objects.create(
        campaign=campaign, participant_kind="collective", declared_total=D(100), bonus_cap=D(3), penalty_cap=D(4)
    )
    group = Group.objects.create(table=table, position=0, code="I", title="Nội dung")
    rows = [
        # code, method, kind, max, extra, self value, self points, verified points
        ("M", "manual", "regular", D(40), {}, D("35.5"), D("35.5"), D("33")),
        ("T", "target", "regular", D(30), {"target_value": D(80)}, D(60), D("22.5"), None),
        ("B", "boolean", "regular", D(20), {}, D(1), D(20), D(0)),
        ("C", "count", "regular", D(10), {"count_minimum": 4, "count_partial": False}, D(5), D(10), None),
        ("C2", "count", "bonus", D(5), {"count_minimum": 2, "count_partial": True}, D(1), D("2.5"), None),
        ("P", "manual", "penalty", D(6), {}, D(5), D(5), None),
    ]
    criteria = {}
    for position, (code, method, kind, maximum, extra, *_rest) in enumerate(rows):
        criteria[code] = LegacyCriterion.objects.create(
            table=table,
            group=group,
            position=position,
            code=code,
            text=f"Tiêu chí {code}",
            max_points=maximum,
            method=method,
            kind=kind,
            minimum_points=D(30) if code == "M" else None,
            **extra,
        )
    for position, (name, bound) in enumerate((("Xuất sắc", 90), ("Khá", 70), ("Trung bình", 0))):
        LegacyTier.objects.create(campaign=campaign, position=position, name=name, lower_bound=D(bound))
    participant = Participant.objects.create(campaign=campaign, organization=ward)
    submission = LegacySubmission.objects.create(participant=participant, phase=phase, status="verified")
    for code, _method, _kind, maximum, _extra, value, self_points, verified in rows:
        LegacyScore.objects.create(
            submission=submission,
            criterion=criteria[code],
            max_points=maximum,
            value=value,
            self_points=self_points,
            verified_points=verified if verified is not None else self_points,
        )
    return {"campaign_id": campaign.pk, "submission_id": submission.pk}


@pytest.mark.django_db(transaction=True)
def test_legacy_tables_and_scores_migrate_without_changing_a_figure():
    executor = _migrate(OLD)
    made = _legacy_data(executor.loader.project_state(OLD).apps)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    methods = dict(Criterion.objects.values_list("code", "method"))
    assert methods == {
        "M": "manual",
        "T": "target",
        "B": "yes_no_parts",
        "C": "count_minimum",
        "C2": "count_minimum",
        "P": "manual",
    }
    table = ScoringTable.objects.get(campaign_id=made["campaign_id"])
    assert list(Tier.objects.filter(table=table).order_by("position").values_list("name", "lower_bound")) == [
        ("Xuất sắc", D(90)),
        ("Khá", D(70)),
        ("Trung bình", D(0)),
    ]
    scores = {s.criterion.code: s for s in Score.objects.select_related("criterion")}
    assert scores["M"].self_inputs == {"points": "35.5"} and scores["M"].verified_inputs == {"points": "33"}
    assert scores["B"].self_inputs == {"parts": {"yes": True}} and scores["B"].verified_inputs == {
        "parts": {"yes": False}
    }
    assert scores["C"].self_inputs == {"count": 5} and scores["C"].verified_inputs is None
    # Legacy arithmetic: regular 33 + 22.5 + 0 + 10 = 65.5; bonus min(2.5, 3); penalty min(5, 4) → 64.
    submission = Submission.objects.get(pk=made["submission_id"])
    assert (submission.regular_points, submission.bonus_points, submission.penalty_points) == (
        D("65.5"),
        D("2.5"),
        D(5),
    )
    assert submission.total == D(64) and submission.self_total == D("86.5") and not submission.below_minimum

    # The engine, from the migrated answers, gives the same figures.
    spec = table_spec(table)
    result = pt.score_table(spec, {code: score.inputs for code, score in scores.items()})
    assert result.total == submission.total
    assert {code: r.points for code, r in result.criteria.items()} == {
        code: (s.verified_points if s.verified_points is not None else s.self_points) for code, s in scores.items()
    }
    assert result.tier == "Trung bình"
