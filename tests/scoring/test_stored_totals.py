"""Stored results equal the pure recomputation: random rule-based tables and answers saved through the services
(on SQLite in ``make test``, on PostgreSQL in CI), and ``verify_totals`` finding 0 — or every tampered value."""

from __future__ import annotations

import itertools
from dataclasses import replace
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, reject, settings

from campaigns import points as pt
from campaigns.points import iter_criteria
from scoring.models import Score, Submission
from scoring.submissions import services as subs
from tests.campaigns.test_points_properties import scored
from tests.scoring.answers import launched_with_table, mixed_table_spec, scored_submission

pytestmark = pytest.mark.django_db

PLANS = itertools.count(1)


def _expected(table: pt.TableSpec, raw_answers: dict) -> pt.TableResult:
    results = {}
    for spec in iter_criteria(table):
        parsed = pt.parse_inputs(spec, raw_answers.get(spec.code, {}))
        results[spec.code] = pt.score_criterion(spec, parsed)
    return pt.table_result(table, results)


def _criterion_worded(spec: pt.CriterionSpec) -> pt.CriterionSpec:
    rules = tuple(replace(rule, text=rule.text or f"Dòng {rule.code}") for rule in spec.rules)
    return replace(spec, text=spec.text or f"Tiêu chí {spec.code}", rules=rules)


def _group_worded(group: pt.GroupSpec) -> pt.GroupSpec:
    return replace(
        group,
        name=group.name or f"Nhóm {group.code}",
        groups=tuple(_group_worded(g) for g in group.groups),
        criteria=tuple(_criterion_worded(c) for c in group.criteria),
    )


def _worded(table: pt.TableSpec) -> pt.TableSpec:
    """The generated table with a text on every row, as the editor requires (the engine does not need them)."""
    return replace(
        table,
        groups=tuple(_group_worded(g) for g in table.groups),
        criteria=tuple(_criterion_worded(c) for c in table.criteria),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(setup=scored())
def test_stored_totals_equal_the_pure_recomputation(setup, org_tree, officer):
    table, raw_answers = setup
    table = _worded(table)
    try:
        campaign = launched_with_table(
            organization=org_tree["root"],
            officer=officer,
            participants=[org_tree["ward_a"]],
            spec=table,
            plan_number=f"{next(PLANS)}-KH/TINHCHAT",
        )
    except ValidationError:
        reject()  # a table the editor refuses too (e.g. a total of 0): nothing to score
    participant = campaign.participants.get()
    submission = subs.submission_start(participant=participant, phase=campaign.phases.get())
    for score in Score.objects.filter(submission=submission).select_related("criterion"):
        subs.score_save_self(
            score=score,
            inputs=raw_answers.get(score.criterion.code, {}),
            note="",
            expected_version=score.version,
            actor=officer,
        )

    stored = Submission.objects.get(pk=submission.pk)
    expected = _expected(table, raw_answers)
    assert stored.total == expected.total
    assert stored.regular_points + stored.relative_points == expected.regular
    assert (stored.bonus_points, stored.penalty_points) == (expected.bonus_before_cap, expected.penalty_before_cap)
    assert (stored.is_gated, stored.below_minimum) == (expected.gated, bool(expected.below_minimum))
    out = StringIO()
    call_command("verify_totals", "--campaign", str(campaign.pk), stdout=out)
    assert out.getvalue().startswith("0 differences in 1 submissions")


@pytest.fixture
def mixed(org_tree, officer):
    campaign = launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"], org_tree["ward_b"]],
        spec=mixed_table_spec(),
        plan_number="12-KH/QUYTAC",
    )
    phase = campaign.phases.get()
    for participant in campaign.participants.all():
        scored_submission(participant, phase, {})
    return campaign


def test_verify_totals_finds_nothing_on_consistent_data(mixed):
    out = StringIO()
    call_command("verify_totals", stdout=out)
    assert out.getvalue().strip() == "0 differences in 2 submissions."


def test_verify_totals_counts_every_tampered_value_and_fails(mixed):
    first = Submission.objects.order_by("pk").first()
    Submission.objects.filter(pk=first.pk).update(total=first.total + 1)
    score = Score.objects.filter(submission=first).order_by("pk").first()
    Score.objects.filter(pk=score.pk).update(net=score.net + 2)
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("verify_totals", "--campaign", str(mixed.pk), stdout=out, stderr=err)

    assert raised.value.returncode == 1
    assert out.getvalue().strip() == "2 differences in 2 submissions."
    assert f"submission {first.pk}, total: total" in err.getvalue()
    assert f"submission {first.pk}, score {score.criterion.code}: net" in err.getvalue()


def test_verify_totals_refuses_an_unknown_campaign(db):
    with pytest.raises(CommandError, match="No campaign with id 999999"):
        call_command("verify_totals", "--campaign", "999999")
