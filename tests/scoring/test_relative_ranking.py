"""The worked example's relative-to-leader criterion (four communes in one bloc) through the scoring services and a
ranking run: provisional figures while scoring, the example's final points once the bloc is ranked."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from campaigns import points as pt
from campaigns.demo import EXAMPLE_FILE
from scoring.models import RankingEntry, Submission
from scoring.ranking import services as svc
from tests.factories import BlocMemberFactory, EmulationBlocFactory, OrganizationFactory
from tests.scoring.answers import launched_with_table, scored_submission

pytestmark = pytest.mark.django_db

EXAMPLE = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"), parse_float=Decimal)["relative_example"]
UNITS = {unit["id"]: unit for unit in EXAMPLE["units"]}


@pytest.fixture
def bloc_campaign(org_tree, officer):
    units = {key: OrganizationFactory(code=f"REL-{key}", name=f"Xã {key}", parent=org_tree["root"]) for key in UNITS}
    outsider = OrganizationFactory(code="REL-O", name="Xã ngoài khối", parent=org_tree["root"])
    spec = pt.TableSpec(criteria=(pt.criterion_from_dict(EXAMPLE["criterion"]),))
    campaign = launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[*units.values(), outsider],
        spec=spec,
        plan_number="77-KH/TUONGDOI",
    )
    bloc = EmulationBlocFactory(code="KHOI-REL", year=campaign.start_date.year, organizer=org_tree["root"])
    for organization in units.values():
        BlocMemberFactory(bloc=bloc, organization=organization)
    phase = campaign.phases.get()
    for key, organization in units.items():
        participant = campaign.participants.get(organization=organization)
        answers = {"E1": {"value": str(UNITS[key]["value"]), "target": str(UNITS[key]["target"])}}
        scored_submission(participant, phase, answers)
    # Outside every bloc it competes campaign-wide, alone: it leads its own comparison.
    scored_submission(campaign.participants.get(organization=outsider), phase, {"E1": {"value": "30", "target": "60"}})
    return campaign, units


def test_scoring_stores_provisional_figures(bloc_campaign):
    campaign, units = bloc_campaign
    stored = {
        s.participant.organization.code: s for s in Submission.objects.select_related("participant__organization")
    }

    # Before the bloc is ranked nobody knows the leader: at or above its target a unit sees half the standard,
    # below it half × value/target — marked provisional.
    assert stored["REL-U1"].relative_points == Decimal(5)
    assert stored["REL-U3"].relative_points == Decimal("4.5")
    assert all(s.scores.get().provisional for s in stored.values())


def test_a_ranking_run_gives_the_examples_points_and_ranks(bloc_campaign, officer, django_capture_on_commit_callbacks):
    campaign, _units = bloc_campaign
    with django_capture_on_commit_callbacks(execute=True):
        run = svc.ranking_request(campaign=campaign, phase=campaign.phases.get(), actor=officer)
    run.refresh_from_db()

    assert run.status == "done" and run.inputs["relative_criteria"] is True
    entries = {e.participant.organization.code: e for e in RankingEntry.objects.filter(run=run)}
    assert {code: entries[f"REL-{code}"].total for code in UNITS} == {
        code: Decimal(unit["expected_points"]) for code, unit in UNITS.items()
    }
    assert [entries[f"REL-{code}"].rank for code in ("U1", "U2", "U4", "U3")] == [1, 2, 3, 4]
    # Outside the bloc: 30 of a target of 60 compared with nobody else, 10 × 0,5 × 30/60 = 2,5; one ranked list.
    assert (entries["REL-O"].total, entries["REL-O"].rank) == (Decimal("2.5"), 5)
