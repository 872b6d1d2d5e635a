"""The worked example (campaigns/demo_data/rule_table_example.json) end to end through HTTP, as people would do it:
the officer's table, each unit's scorer typing the case's answers on the scoring page, the reviewer approving, the
officer computing the ranking — and every figure of the example checked to 0,01 (per criterion, total, tier,
classification, rank).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns import points as pt
from campaigns.demo import EXAMPLE_FILE, example_table_spec
from campaigns.participants import services as ps
from campaigns.planning import services as planning
from campaigns.tables import services as ts
from organizations.enums import Role
from scoring.models import RankingEntry, RankingRun, Submission
from scoring.submissions.forms import NO, YES, answer_fields, score_prefix
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

EXAMPLE = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"), parse_float=Decimal)
CASES = {case["id"]: case for case in EXAMPLE["cases"]}


def test_the_demo_data_file_is_the_shared_example():
    shared = "/work/shared/examples/rule-table-example.json"
    try:
        with open(shared, encoding="utf-8") as handle:
            original = json.load(handle, parse_float=Decimal)
    except FileNotFoundError:  # outside the workplace the repository copy is the reference
        pytest.skip("the shared example is not on this machine")
    assert original == EXAMPLE


@pytest.fixture
def example(db):
    province = OrganizationFactory(code="UBND-MH", name="Ủy ban nhân dân tỉnh Minh Họa")
    board = OrganizationFactory(code="SVH-MH", name="Sở Văn hóa, Thể thao và Du lịch", parent=province)
    units = {
        case_id: OrganizationFactory(code=f"MH-{case_id}", name=f"Phòng Văn hóa – Xã hội {case_id}", parent=province)
        for case_id in CASES
    }
    officer = UserFactory(username="canbo_mh")
    MembershipFactory(user=officer, organization=board, role=Role.OFFICER)
    reviewer = UserFactory(username="thamdinh_mh")
    MembershipFactory(user=reviewer, organization=board, role=Role.REVIEWER)
    scorers = {}
    for case_id, unit in units.items():
        scorers[case_id] = UserFactory(username=f"chamdiem_{case_id.lower()}")
        MembershipFactory(user=scorers[case_id], organization=unit, role=Role.SCORER)
    today = date.today()
    campaign = planning.campaign_create(
        launching_organization=board,
        created_by=officer,
        plan_number="99-KH/MINHHOA",
        plan_date=date(today.year, 1, 2),
        signer_name="Nguyễn Văn Minh",
        signer_title="Giám đốc Sở",
        name="Phong trào thi đua minh họa",
        start_date=date(today.year, 1, 1),
        end_date=date(today.year, 12, 31),
    )
    planning.phase_save(
        campaign=campaign, name="Cả năm", start_date=date(today.year, 1, 1), end_date=date(today.year, 12, 31)
    )
    ts.table_replace(campaign=campaign, participant_kind="collective", spec=example_table_spec())
    ps.participants_add_organizations(campaign=campaign, organizations=units.values())
    campaign = planning.campaign_transition(campaign=campaign, action="launch", actor=officer)
    return {"campaign": campaign, "units": units, "officer": officer, "reviewer": reviewer, "scorers": scorers}


def _form_data(score, criterion: pt.CriterionSpec, answers: dict) -> dict:
    """What the scoring page's form for ``score`` posts when the unit types ``answers`` (the example's shape)."""
    prefix = score_prefix(score)
    data = {f"{prefix}-version": str(score.version), f"{prefix}-note": "Theo số liệu của đơn vị."}
    fields = set(answer_fields(criterion))
    for key in ("value", "size", "count", "points", "target"):
        if key in answers:
            assert key in fields, f"{criterion.code}: the page has no field for {key}"
            data[f"{prefix}-{key}"] = str(answers[key]).replace(".", ",")  # typed the Vietnamese way
    for code, answer in (answers.get("parts") or {}).items():
        data[f"{prefix}-part_{code}"] = YES if answer else NO
    for code, answer in (answers.get("rules") or {}).items():
        name = f"rule_{code}"
        if name not in fields:  # a step bonus counts from the criterion's own value
            continue
        data[f"{prefix}-{name}"] = (YES if answer else NO) if isinstance(answer, bool) else str(answer)
    return data


def _score_as_the_unit(client, example, case_id: str) -> Submission:
    campaign, unit = example["campaign"], example["units"][case_id]
    client.force_login(example["scorers"][case_id])
    participant = campaign.participants.get(organization=unit)
    phase = campaign.phases.get()
    response = client.post(reverse("scoring:submission-start", args=[participant.pk, phase.pk]))
    submission = Submission.objects.get(participant=participant, phase=phase)
    assert response.status_code == 302
    specs = {c.code: c for c in pt.iter_criteria(example_table_spec())}
    for score in submission.scores.select_related("criterion"):
        answers = CASES[case_id]["inputs"].get(score.criterion.code, {})
        data = _form_data(score, specs[score.criterion.code], answers)
        url = reverse("scoring:submission-score-save", args=[submission.pk, score.pk])
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(reverse("scoring:submission-submit", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    return submission


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_each_case_typed_on_the_scoring_page_gives_the_examples_figures(client, example, case_id):
    submission = _score_as_the_unit(client, example, case_id)
    expected = CASES[case_id]["expected"]

    points = {s.criterion.code: s.self_points for s in submission.scores.select_related("criterion")}
    assert points == {code: Decimal(value) for code, value in expected["criteria"].items()}
    assert submission.self_total == Decimal(expected["total"])
    assert submission.total == Decimal(expected["total"])
    assert submission.is_gated is not expected["classified"]
    page = client.get(reverse("scoring:submission-detail", args=[submission.pk])).content.decode()
    assert Decimal(expected["total"]).normalize().to_eng_string().replace(".", ",") in page
    if expected["classified"]:
        assert expected["tier"] in page
    else:
        assert "Không xếp loại" in page
        assert "Không gửi báo cáo tổng kết năm" in page  # the gate's reason, in the officer's words


def test_reviewed_and_ranked_the_three_units_get_the_examples_tiers_and_ranks(
    client, example, django_capture_on_commit_callbacks
):
    submissions = {case_id: _score_as_the_unit(client, example, case_id) for case_id in sorted(CASES)}
    client.force_login(example["reviewer"])
    for submission in submissions.values():
        response = client.post(reverse("scoring:submission-approve", args=[submission.pk]))
        assert response.status_code == 302
    campaign = example["campaign"]
    client.force_login(example["officer"])
    phase = campaign.phases.get()
    for phase_value in ("", str(phase.pk)):
        with django_capture_on_commit_callbacks(execute=True):  # the ranking task runs after commit
            response = client.post(
                reverse("scoring:ranking-request", args=[campaign.pk]), {"phase": phase_value, "tie_break": "shared"}
            )
        assert response.status_code == 302

    for run in RankingRun.objects.filter(campaign=campaign):
        assert run.status == "done" and run.is_current
        entries = {e.participant.organization.code: e for e in RankingEntry.objects.filter(run=run)}
        for case_id, case in CASES.items():
            entry, expected = entries[f"MH-{case_id}"], case["expected"]
            assert entry.total == Decimal(expected["total"]), case_id
            assert (entry.tier_name or None) == expected["tier"], case_id
            assert entry.rank == expected["rank"], case_id
            assert (entry.status == "ranked") is expected["classified"], case_id
    page = client.get(reverse("scoring:ranking-list", args=[campaign.pk])).content.decode()
    assert "103,2" in page and "60,1" in page and "94" in page


def test_the_engine_alone_gives_the_same_figures():
    spec = example_table_spec()
    results = {case_id: pt.score_table(spec, case["inputs"]) for case_id, case in CASES.items()}
    ranks = pt.rank_classified([r.total if r.classified else None for r in results.values()])
    for (case_id, result), rank in zip(results.items(), ranks, strict=True):
        expected = CASES[case_id]["expected"]
        assert {code: r.points for code, r in result.criteria.items()} == {
            code: Decimal(v) for code, v in expected["criteria"].items()
        }
        assert (result.total, result.tier, result.classified, rank) == (
            Decimal(expected["total"]),
            expected["tier"],
            expected["classified"],
            expected["rank"],
        )
