"""Rankings: set-based totals against the pure scoring module, ties, blocs, caps, điểm liệt, runs, pages, exports."""

import random
import xml.etree.ElementTree as ET
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from campaigns.enums import CampaignStatus, PhaseCombination
from campaigns.models import Criterion, Participant, Phase, ScoringTable
from campaigns.tables.spec import criterion_spec
from organizations.enums import Role
from scoring.enums import RankingStatus, SubmissionStatus, TieBreak
from scoring.models import RankingBlocRank, RankingEntry, RankingRun, Score, Submission
from scoring.ranking import charts
from scoring.ranking import services as svc
from scoring.submissions import results
from tests.campaigns import legacy_scoring_rules as sr
from tests.factories import BlocMemberFactory, EmulationBlocFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.factories import launched_campaign

pytestmark = [pytest.mark.django_db]

# Criteria 1–3 regular (40/30/30, criterion 1 with a điểm liệt of 20), 4 bonus (max 20), 5 penalty (max 10).
POINTS = (40, 30, 30, 20, 10)
BONUS_CAP, PENALTY_CAP = Decimal(15), Decimal(3)


def _d(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _campaign(org_tree, officer, units, *, plan_number="05-KH/BTGTU"):
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=units, points=POINTS, plan_number=plan_number
    )
    ScoringTable.objects.filter(campaign=campaign).update(
        bonus_cap=BONUS_CAP, penalty_cap=PENALTY_CAP, declared_total=Decimal(100)
    )
    Criterion.objects.filter(table__campaign=campaign, code="4").update(kind="bonus")
    Criterion.objects.filter(table__campaign=campaign, code="5").update(kind="penalty")
    Criterion.objects.filter(table__campaign=campaign, code="1").update(minimum_points=Decimal(20))
    return campaign


def _score(campaign, phase, organization, points: dict, *, status=SubmissionStatus.VERIFIED):
    """``points``: criterion code → (self points, verified points or None); the scores and the submission's
    stored totals are written as the services write them (the engine scores the typed points)."""
    participant = Participant.objects.get(campaign=campaign, organization=organization)
    submission = Submission.objects.create(participant=participant, phase=phase, status=status)
    criteria = {c.code: c for c in Criterion.objects.filter(table__campaign=campaign).prefetch_related("rules")}
    for code, (self_points, verified) in points.items():
        Score.objects.create(submission=submission, criterion=criteria[code], max_points=criteria[code].max_points)
        _set_points(submission, criteria[code], self_points, verified)
    results.submission_totals_refresh(submission)
    return submission


def _set_points(submission, criterion, self_points, verified) -> None:
    spec = criterion_spec(criterion, criterion.rules.all())
    own = results.score_answers(spec, {"points": str(_d(self_points))})
    counted = own if verified is None else results.score_answers(spec, {"points": str(_d(verified))})
    Score.objects.filter(submission=submission, criterion=criterion).update(
        verified_points=_d(verified),
        **results.self_fields(own.result, own.inputs),
        **results.effective_fields(counted.result, counted.inputs),
    )


def _verify(organization, code, verified) -> None:
    """A reviewer's correction of one criterion, with the submission's totals kept as the services keep them."""
    score = Score.objects.select_related("submission", "criterion").get(
        submission__participant__organization=organization, criterion__code=code
    )
    _set_points(score.submission, score.criterion, score.self_points, verified)
    results.submission_totals_refresh(score.submission)


def _table_rule(table) -> sr.TableRule:
    """The legacy engine's rule of a manual table: an independent oracle for the ranking's arithmetic."""
    criteria = tuple(
        sr.CriterionRule(
            code=c.code,
            max_points=c.max_points,
            method=sr.Method.MANUAL,
            kind=sr.Kind(c.kind),
            minimum_points=c.minimum_points,
        )
        for c in table.criteria.order_by("position")
    )
    return sr.TableRule(
        criteria=criteria, declared_total=table.declared_total, bonus_cap=table.bonus_cap, penalty_cap=table.penalty_cap
    )


def _verified(**points):
    return {code.lstrip("c"): (value, value) for code, value in points.items()}


@pytest.fixture
def units(org_tree):
    return [OrganizationFactory(code=f"U{c}", name=f"Đơn vị {c}", parent=org_tree["root"]) for c in "ABCDE"]


@pytest.fixture
def fixture_campaign(org_tree, officer, units):
    """Hand-computed: A 100, B 90, C 90 (below the điểm liệt, unverified), D 60, E no submission → 0."""
    a, b, c, d, _e = units
    campaign = _campaign(org_tree, officer, units)
    phase = campaign.phases.get()
    _score(campaign, phase, a, _verified(c1=40, c2=30, c3=25, c4=8))  # 95 + 8 = 103 → max? no cap hit: 103
    _score(campaign, phase, b, {"1": (30, 30), "2": (30, 25), "3": (30, 30), "4": (5, 5)})  # 30+25+30+5 = 90
    _score(
        campaign,
        phase,
        c,
        {"1": (19, 19), "2": (29, None), "3": (30, 30), "4": (20, 20), "5": (5, 5)},  # 78 + 15 − 3 = 90
        status=SubmissionStatus.UNDER_REVIEW,
    )
    _score(campaign, phase, d, _verified(c1=20, c2=20, c3=20))  # exactly the minimum: 60
    bloc_x, bloc_y = EmulationBlocFactory(code="X"), EmulationBlocFactory(code="Y")
    for bloc, members in ((bloc_x, (a, c, units[4])), (bloc_y, (b, c, d))):
        for member in members:
            BlocMemberFactory(bloc=bloc, organization=member)
    return campaign


def _compute(campaign, phase, officer, django_capture_on_commit_callbacks, tie_break=TieBreak.SHARED):
    with django_capture_on_commit_callbacks(execute=True):
        run = svc.ranking_request(campaign=campaign, phase=phase, actor=officer, tie_break=tie_break)
    run.refresh_from_db()
    return run


def _by_code(run):
    return {e.participant.organization.code: e for e in run.entries.select_related("participant__organization")}


def test_ranking_matches_the_hand_computed_fixture(fixture_campaign, officer, django_capture_on_commit_callbacks):
    phase = fixture_campaign.phases.get()

    run = _compute(fixture_campaign, phase, officer, django_capture_on_commit_callbacks)

    assert run.status == RankingStatus.DONE and run.is_current and run.participant_count == 5
    entries = _by_code(run)
    assert {code: e.total for code, e in entries.items()} == {
        "UA": Decimal("103.00"),
        "UB": Decimal("90.00"),
        "UC": Decimal("90.00"),
        "UD": Decimal("60.00"),
        "UE": Decimal("0.00"),
    }
    assert [entries[c].rank for c in ("UA", "UB", "UC", "UD", "UE")] == [1, 2, 2, 4, None]
    assert [entries[c].status for c in ("UA", "UB", "UC", "UD", "UE")] == [*["ranked"] * 4, "not_submitted"]
    assert (entries["UC"].regular, entries["UC"].bonus, entries["UC"].penalty) == (
        Decimal(78),
        BONUS_CAP,
        PENALTY_CAP,
    )
    assert [entries[c].tier_name for c in ("UA", "UB", "UC", "UD", "UE")] == [
        "Xuất sắc",
        "Xuất sắc",
        "Khá",  # 90 points but below the điểm liệt on criterion 1: the top tier is out of reach
        "Trung bình",
        "",  # never submitted: no rank, no tier
    ]
    assert [entries[c].below_minimum for c in ("UA", "UB", "UC", "UD", "UE")] == [False, False, True, False, False]
    assert [entries[c].is_fully_verified for c in ("UA", "UB", "UC", "UD", "UE")] == [True, True, False, True, False]
    bloc_ranks = {
        (r.bloc.code, r.entry.participant.organization.code): r.rank
        for r in RankingBlocRank.objects.filter(entry__run=run).select_related(
            "bloc", "entry__participant__organization"
        )
    }
    assert bloc_ranks == {
        ("X", "UA"): 1,
        ("X", "UC"): 2,
        ("Y", "UB"): 1,
        ("Y", "UC"): 1,
        ("Y", "UD"): 3,
    }
    assert run.inputs["tables"]["collective"] == {
        "bonus_cap": "15.00",
        "penalty_cap": "3.00",
        "tiers": [
            {"name": "Xuất sắc", "lower_bound": "90.00"},
            {"name": "Khá", "lower_bound": "70.00"},
            {"name": "Trung bình", "lower_bound": "0.00"},
        ],
    }
    assert run.requested_by == officer and run.finished_at is not None


def _random_points(rng, criteria):
    points = {}
    for c in criteria:
        if rng.random() < 0.15:
            points[c.code] = (0, None)  # left at zero
            continue
        self_points = Decimal(rng.randint(0, int(c.max_points * 4))) / 4 + Decimal(rng.choice(["0", "0.01", "0.07"]))
        self_points = min(self_points, c.max_points)
        verified = None if rng.random() < 0.4 else Decimal(rng.randint(0, int(c.max_points * 100))) / 100
        points[c.code] = (self_points, verified)
    return points


def _reference(table, tiers, points_by_participant):
    """Totals, tiers and ranks from the pure module."""
    totals = {pid: sr.total_for(table, pts) for pid, pts in points_by_participant.items()}
    ranks = dict(zip(totals, sr.rank_competition([t.total for t in totals.values()]), strict=True))
    tier = {pid: sr.tier_for(tiers, t.total, below_minimum=bool(t.below_minimum)).name for pid, t in totals.items()}
    return totals, ranks, tier


def _table_and_tiers(campaign):
    table = ScoringTable.objects.get(campaign=campaign)
    tiers = [sr.TierRule(t.name, t.lower_bound) for t in table.tiers.order_by("position")]
    return _table_rule(table), tiers


def test_totals_equal_the_pure_module_on_random_data(org_tree, officer, django_capture_on_commit_callbacks):
    rng = random.Random(20230415)
    orgs = [OrganizationFactory(parent=org_tree["root"]) for _ in range(40)]
    campaign = _campaign(org_tree, officer, orgs)
    phase = campaign.phases.get()
    criteria = list(Criterion.objects.filter(table__campaign=campaign))
    expected_points = {}
    for org in orgs[:-3]:  # the last three never submit
        points = _random_points(rng, criteria)
        _score(campaign, phase, org, points)
        expected_points[org.pk] = {code: (v if v is not None else s) for code, (s, v) in points.items()}
    table, tiers = _table_and_tiers(campaign)
    totals, ranks, tier = _reference(table, tiers, expected_points)

    run = _compute(campaign, phase, officer, django_capture_on_commit_callbacks)

    entries = {e.participant.organization_id: e for e in run.entries.select_related("participant")}
    assert len(entries) == 40
    for org in orgs[-3:]:  # never submitted: listed without a total, rank or tier
        entry = entries.pop(org.pk)
        assert (entry.status, entry.rank, entry.tier_name, entry.total) == ("not_submitted", None, "", 0)
    for org_id, entry in entries.items():
        expected = totals[org_id]
        assert (entry.regular, entry.bonus, entry.penalty, entry.total) == (
            expected.regular,
            expected.bonus,
            expected.penalty,
            expected.total,
        ), org_id
        assert entry.below_minimum == bool(expected.below_minimum)
        assert (entry.rank, entry.tier_name) == (ranks[org_id], tier[org_id])


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("combination", [PhaseCombination.WEIGHTED, PhaseCombination.LAST_PHASE])
def test_overall_combines_phase_totals(
    fixture_campaign, units, officer, django_capture_on_commit_callbacks, combination
):
    first = fixture_campaign.phases.get()
    Phase.objects.filter(pk=first.pk).update(weight=Decimal(1), end_date=date(2023, 6, 30))
    second = Phase.objects.create(
        campaign=fixture_campaign,
        position=2,
        name="Đợt 2",
        start_date=date(2023, 7, 1),
        end_date=date(2023, 12, 15),
        weight=Decimal(2),
    )
    fixture_campaign.phase_combination = combination
    fixture_campaign.save(update_fields=["phase_combination"])
    _score(fixture_campaign, second, units[0], _verified(c1=33.33, c2=30, c3=30))  # 93.33
    _score(fixture_campaign, second, units[1], _verified(c1=40, c2=30, c3=29.99, c4=0.02))  # 100.01

    run = _compute(fixture_campaign, None, officer, django_capture_on_commit_callbacks)

    entries = _by_code(run)
    if combination == PhaseCombination.WEIGHTED:
        expected_a = _half_up((Decimal(103) + 2 * Decimal("93.33")) / 3)  # 96.553… → 96.55
        expected_b = _half_up((Decimal(90) + 2 * Decimal("100.01")) / 3)  # 96.673… → 96.67
        assert (entries["UA"].total, entries["UB"].total) == (expected_a, expected_b)
        assert entries["UC"].total == Decimal(30)  # 90 / 3, no second-phase submission
        assert entries["UC"].below_minimum and not entries["UC"].is_fully_verified
    else:
        assert (entries["UA"].total, entries["UB"].total, entries["UC"].total) == (
            Decimal("93.33"),
            Decimal("100.01"),
            Decimal(0),
        )
    # No submission in the second phase adds nothing to the combination: it is not a failed điểm liệt.
    assert not entries["UD"].below_minimum
    assert min(e.rank for e in entries.values() if e.rank is not None) == 1


def test_newer_run_supersedes_and_old_entries_stay(
    fixture_campaign, units, officer, django_capture_on_commit_callbacks
):
    phase = fixture_campaign.phases.get()
    first = _compute(fixture_campaign, phase, officer, django_capture_on_commit_callbacks)
    old = {(e.participant_id, e.total, e.rank) for e in first.entries.all()}
    _verify(units[3], "2", 30)

    second = _compute(fixture_campaign, phase, officer, django_capture_on_commit_callbacks)

    first.refresh_from_db()
    assert second.is_current and not first.is_current
    assert {(e.participant_id, e.total, e.rank) for e in first.entries.all()} == old
    assert _by_code(second)["UD"].total == Decimal(70)


def test_compute_is_claimed_once(fixture_campaign, officer):
    run = RankingRun.objects.create(campaign=fixture_campaign, phase=fixture_campaign.phases.get())

    assert svc.ranking_compute(run_id=run.pk).status == RankingStatus.DONE
    assert svc.ranking_compute(run_id=run.pk) is None
    assert RankingEntry.objects.filter(run=run).count() == 5


def test_failure_marks_the_run_failed(fixture_campaign, officer, monkeypatch):
    run = RankingRun.objects.create(campaign=fixture_campaign, phase=None)
    monkeypatch.setattr("scoring.ranking.sql.BLOC_RANKS_SQL", "SELECT * FROM no_such_table_here")

    result = svc.ranking_compute(run_id=run.pk)

    assert result.status == RankingStatus.FAILED and "no_such_table_here" in result.error
    assert not RankingEntry.objects.filter(run=run).exists() and not result.is_current


def test_the_task_runs_only_after_commit(fixture_campaign, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = svc.ranking_request(campaign=fixture_campaign, phase=None, actor=officer)
    run.refresh_from_db()
    assert run.status == RankingStatus.PENDING and len(callbacks) == 1

    callbacks[0]()

    run.refresh_from_db()
    assert run.status == RankingStatus.DONE and run.entries.count() == 5


def test_phase_close_requests_every_phase_and_overall(fixture_campaign, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        runs = svc.ranking_request_for_phase_close(campaign=fixture_campaign, actor=officer)

    assert [r.phase_id for r in runs] == [fixture_campaign.phases.get().pk, None]
    assert RankingRun.objects.filter(campaign=fixture_campaign, status=RankingStatus.DONE, is_current=True).count() == 2


# --- pages -----------------------------------------------------------------------------------------------


@pytest.fixture
def computed(fixture_campaign, officer, django_capture_on_commit_callbacks):
    return _compute(fixture_campaign, fixture_campaign.phases.get(), officer, django_capture_on_commit_callbacks)


def test_leaderboard_shows_ranks_tie_break_and_flags(client, officer, computed):
    client.force_login(officer)

    response = client.get(reverse("scoring:ranking-list-phase", args=[computed.campaign_id, computed.phase_id]))

    assert response.status_code == 200
    text = response.content.decode()
    with translation.override("vi"):
        tie_break = str(TieBreak.SHARED.label)
    assert "Đơn vị A" in text and tie_break in text and "<svg" in text
    assert list(response.context["page"].object_list)[0].participant.organization.code == "UA"


def test_leaderboard_filters_by_bloc_and_tier(client, officer, computed):
    client.force_login(officer)
    bloc = RankingBlocRank.objects.filter(entry__run=computed, bloc__code="Y").first().bloc
    url = reverse("scoring:ranking-list-phase", args=[computed.campaign_id, computed.phase_id])

    by_bloc = client.get(url, {"bloc": bloc.pk}).context["page"].object_list
    by_tier = client.get(url, {"tier": "Khá"}).context["page"].object_list
    individuals = client.get(url, {"kind": "individual"}).context  # none in this run: the collectives' list

    assert sorted(e.participant.organization.code for e in by_bloc) == ["UB", "UC", "UD"]
    assert [e.participant.organization.code for e in by_tier] == ["UC"]
    assert individuals["kinds"] == ["collective"] and individuals["filters"].kind == "collective"
    assert len(individuals["page"].object_list) == 5


def test_rankings_are_404_for_outsiders(client, other_officer, scorer_a, computed):
    for user in (other_officer, scorer_a):
        client.force_login(user)
        assert client.get(reverse("scoring:ranking-list", args=[computed.campaign_id])).status_code == 404
        export = reverse("scoring:ranking-export", args=[computed.campaign_id, computed.pk])
        assert client.get(export).status_code == 404
        request = client.post(reverse("scoring:ranking-request", args=[computed.campaign_id]), {"tie_break": "shared"})
        assert request.status_code == 404
    assert RankingRun.objects.filter(campaign_id=computed.campaign_id).count() == 1


def test_signer_sees_but_cannot_request(client, org_tree, computed):
    signer = UserFactory(username="signer")
    MembershipFactory(user=signer, organization=org_tree["root"], role=Role.SIGNER)
    client.force_login(signer)

    assert client.get(reverse("scoring:ranking-list", args=[computed.campaign_id])).status_code == 200
    response = client.post(reverse("scoring:ranking-request", args=[computed.campaign_id]), {"tie_break": "shared"})
    assert response.status_code == 403


def test_request_view_is_post_only_and_creates_a_run(
    client, officer, fixture_campaign, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    url = reverse("scoring:ranking-request", args=[fixture_campaign.pk])
    assert client.get(url).status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"tie_break": TieBreak.VERIFIED_FIRST})

    assert response.status_code == 302 and response["Location"].endswith(f"/campaigns/{fixture_campaign.pk}/rankings/")
    run = RankingRun.objects.get(campaign=fixture_campaign, phase=None)
    assert (run.status, run.tie_break, run.requested_by, run.is_current) == (
        RankingStatus.DONE,
        TieBreak.VERIFIED_FIRST,
        officer,
        True,
    )


def test_request_view_refuses_an_unknown_tie_break(client, officer, fixture_campaign):
    client.force_login(officer)

    response = client.post(reverse("scoring:ranking-request", args=[fixture_campaign.pk]), {"tie_break": "coin"})

    assert response.status_code == 404 and not RankingRun.objects.exists()


def test_status_fragment_polls_while_running_and_refreshes_when_done(client, officer, fixture_campaign):
    client.force_login(officer)
    run = RankingRun.objects.create(campaign=fixture_campaign, phase=None, status=RankingStatus.RUNNING)
    url = reverse("scoring:ranking-list", args=[fixture_campaign.pk])

    running = client.get(url, {"watch": run.pk}, headers={"HX-Request": "true"})
    RankingRun.objects.filter(pk=run.pk).update(status=RankingStatus.DONE)
    done = client.get(url, {"watch": run.pk}, headers={"HX-Request": "true"})

    assert 'hx-trigger="every 2s"' in running.content.decode() and "<table" not in running.content.decode()
    assert done.headers.get("HX-Refresh") == "true"


def _campaign_with(org_tree, officer, n, plan_number):
    orgs = [OrganizationFactory(parent=org_tree["root"]) for _ in range(n)]
    campaign = _campaign(org_tree, officer, orgs, plan_number=plan_number)
    bloc = EmulationBlocFactory()
    for org in orgs:
        BlocMemberFactory(bloc=bloc, organization=org)
        _score(campaign, campaign.phases.get(), org, _verified(c1=25, c2=20))
    run = RankingRun.objects.create(campaign=campaign, phase=None)
    svc.ranking_compute(run_id=run.pk)
    return campaign


def test_leaderboard_query_count_is_constant(client, officer, org_tree, django_assert_num_queries):
    small = _campaign_with(org_tree, officer, 5, "01-KH")
    large = _campaign_with(org_tree, officer, 500, "02-KH")  # the 500-participant leaderboard
    client.force_login(officer)
    client.get(reverse("scoring:ranking-list", args=[small.pk]))  # warm the reach cache of the session user

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("scoring:ranking-list", args=[small.pk])).status_code == 200
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("scoring:ranking-list", args=[large.pk]))
    assert response.context["page"].paginator.count == 500
    assert len(few.captured_queries) <= 20  # a fixed handful, whatever the size


def test_entry_breakdown_lists_points_per_criterion(client, officer, computed, units):
    client.force_login(officer)
    participant = Participant.objects.get(organization=units[2])

    response = client.get(
        reverse("scoring:rankingentry-detail", args=[computed.campaign_id, computed.pk, participant.pk])
    )

    text = response.content.decode()
    assert response.status_code == 200 and "Tiêu chí 4" in text and "Tiêu chí 5" in text
    entry = response.context["entry"]
    assert (entry.total, entry.below_minimum, entry.tier_name) == (Decimal(90), True, "Khá")
    assert len(response.context["scores"]) == 5


def test_xlsx_export_has_per_criterion_columns(client, officer, computed):
    client.force_login(officer)

    response = client.get(reverse("scoring:ranking-export", args=[computed.campaign_id, computed.pk]))

    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[-5:] == ("1", "2", "3", "4", "5")
    first = rows[1]
    assert first[0] == 1 and first[1] == "Đơn vị A" and Decimal(str(first[5])) == 103  # rank, participant, total
    assert [Decimal(str(v)) for v in first[-5:-1]] == [40, 30, 25, 8] and first[-1] is None
    assert len(rows) == 6


@pytest.mark.parametrize("chart", ["distribution", "tiers"])
def test_svg_charts_are_valid_xml(client, officer, computed, chart):
    client.force_login(officer)

    response = client.get(reverse("scoring:ranking-chart", args=[computed.campaign_id, computed.pk, chart]))

    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and len(root.findall("{http://www.w3.org/2000/svg}rect")) >= 1


def test_chart_escapes_labels_and_handles_no_data():
    svg = charts.bar_chart("A & <B>", [("<tier>", 3)])
    empty = charts.column_chart("Empty", [], empty_text="Nothing")

    assert ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title").text == "A & <B>"  # noqa: S314
    assert "Nothing" in ET.fromstring(empty).find("{http://www.w3.org/2000/svg}text[2]").text  # noqa: S314


def test_campaign_status_is_unchanged_by_rankings(computed):
    assert computed.campaign.status == CampaignStatus.LAUNCHED


def test_closing_scoring_requests_the_rankings(officer, org_tree, django_capture_on_commit_callbacks):
    from campaigns.planning import services as campaign_services

    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"]], plan_number="77-KH"
    )
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.campaign_transition(campaign=campaign, action="close_scoring", actor=officer)
    runs = RankingRun.objects.filter(campaign=campaign)
    assert runs.count() == campaign.phases.count() + 1  # each phase and the whole campaign
    assert set(runs.values_list("status", flat=True)) == {"done"}
