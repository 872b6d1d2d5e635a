"""Ranking SQL details: tables without bonus, penalty or điểm liệt, and deletes cascading without database keys."""

import pytest
from django.db import connection

from campaigns.models import Criterion, Participant
from scoring.enums import SubmissionStatus
from scoring.models import RankingBlocRank, RankingEntry, RankingRun, Submission
from tests.factories import BlocMemberFactory, EmulationBlocFactory, OrganizationFactory
from tests.scoring.factories import launched_campaign
from tests.scoring.test_rankings import _by_code, _compute, _score

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def plain_campaign(org_tree, officer):
    """Regular criteria only (no caps, no điểm liệt): the aggregate's constant columns are used."""
    units = [OrganizationFactory(code=f"P{c}", parent=org_tree["root"]) for c in "ABC"]
    campaign = launched_campaign(organization=org_tree["root"], officer=officer, participants=units, points=(40, 60))
    return campaign, units


def test_ranking_without_bonus_penalty_or_minimum(plain_campaign, officer, django_capture_on_commit_callbacks):
    campaign, (a, b, _c) = plain_campaign
    phase = campaign.phases.get()
    assert not Criterion.objects.filter(table__campaign=campaign).exclude(kind="regular").exists()
    # 12.5 + 40, still under review
    _score(campaign, phase, a, {"1": (10.25, 12.5), "2": (40, None)}, status=SubmissionStatus.UNDER_REVIEW)
    _score(campaign, phase, b, {"1": (40, 40), "2": (12.5, 12.5)})  # 52.5: tie with A

    run = _compute(campaign, phase, officer, django_capture_on_commit_callbacks)

    entries = _by_code(run)
    assert {code: (str(e.total), e.rank) for code, e in entries.items()} == {
        "PA": ("52.50", 1),
        "PB": ("52.50", 1),
        "PC": ("0.00", None),  # never submitted: listed, not ranked
    }
    assert entries["PC"].status == "not_submitted"
    assert all((e.bonus, e.penalty) == (0, 0) and not e.below_minimum for e in entries.values())
    assert (entries["PA"].is_fully_verified, entries["PB"].is_fully_verified) == (False, True)


@pytest.fixture
def computed_with_bloc(plain_campaign, officer, django_capture_on_commit_callbacks):
    campaign, units = plain_campaign
    bloc = EmulationBlocFactory(code="B")
    for unit in units:
        BlocMemberFactory(bloc=bloc, organization=unit)
    for unit in units:
        _score(campaign, campaign.phases.get(), unit, {"1": (20, 20)})
    run = _compute(campaign, campaign.phases.get(), officer, django_capture_on_commit_callbacks)
    assert RankingBlocRank.objects.filter(entry__run=run).count() == 3
    return run, bloc, units


def test_removing_a_participant_removes_its_results(computed_with_bloc):
    run, _bloc, units = computed_with_bloc
    participant = Participant.objects.get(organization=units[2])
    Submission.objects.filter(participant=participant).delete()  # a participant with submissions is protected

    participant.delete()

    assert set(_by_code(run)) == {"PA", "PB"}
    assert RankingBlocRank.objects.filter(entry__run=run).count() == 2
    assert not RankingBlocRank.objects.exclude(entry__in=RankingEntry.objects.all()).exists()


def test_removing_a_run_or_a_bloc_removes_its_results(computed_with_bloc):
    run, bloc, _units = computed_with_bloc

    bloc.delete()
    assert not RankingBlocRank.objects.exists() and RankingEntry.objects.filter(run=run).count() == 3

    RankingRun.objects.filter(pk=run.pk).delete()
    assert not RankingEntry.objects.exists()


def test_result_tables_have_no_database_foreign_keys():
    """Checking 100,000 entries at commit took longer than the ranking itself; Django cascades instead."""
    with connection.cursor() as cursor:
        for table in (RankingEntry._meta.db_table, RankingBlocRank._meta.db_table):
            constraints = connection.introspection.get_constraints(cursor, table)
            assert not [name for name, c in constraints.items() if c["foreign_key"]], table
