"""Results pages for units: verified points per criterion and group, the reviewers' changes and reasons, total,
tier or "không xếp loại", published ranks in the campaign and the bloc, awards; past campaigns stay listed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import Phase
from campaigns.planning import services as planning
from organizations.enums import Role
from scoring.models import Score
from scoring.ranking.services import ranking_compute, ranking_request
from scoring.review import services as review
from tests.awards.factories import AwardDecisionFactory, AwardRecordFactory, DecisionRecipientFactory
from tests.factories import BlocMemberFactory, EmulationBlocFactory, MembershipFactory, UserFactory
from tests.scoring.phases_world import build_campaign, days, score_and_submit

pytestmark = pytest.mark.django_db
# Queries per page (session, user and reach included), the same with one submission or four.
QUERIES = {"participant": 10, "list": 9, "submission": 14}


@pytest.fixture
def reviewer(org_tree):
    user = UserFactory(username="thamdinh")
    MembershipFactory(user=user, organization=org_tree["root"], role=Role.REVIEWER)
    return user


@pytest.fixture
def bloc(org_tree):
    bloc = EmulationBlocFactory(name="Khối các phường", organizer=org_tree["root"], year=days(0).year)
    for ward in ("ward_a", "ward_b"):
        BlocMemberFactory(bloc=bloc, organization=org_tree[ward])
    return bloc


def _rank(campaign, officer, phase=None):
    run = ranking_request(campaign=campaign, phase=phase, actor=officer)
    ranking_compute(run_id=run.pk)
    return run


@pytest.fixture
def world(client, org_tree, officer, reviewer, scorer_a, scorer_b, bloc):
    """Ward A scored 60 + 35, corrected by the reviewer to 55 on criterion 1 and approved; ward B tripped the gate.
    Both phase and whole-campaign rankings are published."""
    campaign = build_campaign(
        organization=org_tree["root"],
        officer=officer,
        phases=[("Cả năm", days(-20), days(20))],
        organizations=[org_tree["ward_a"], org_tree["ward_b"]],
        with_gate=True,
    )
    phase = campaign.phases.get()
    ward_a = campaign.participants.get(organization=org_tree["ward_a"])
    ward_b = campaign.participants.get(organization=org_tree["ward_b"])
    client.force_login(scorer_a)
    mine = score_and_submit(client, ward_a, phase, 60, 35, gate=False)
    client.force_login(scorer_b)
    theirs = score_and_submit(client, ward_b, phase, 58, 40, gate=True)
    first = Score.objects.select_related("criterion", "submission").get(submission=mine, criterion__code="1")
    review.score_verify(
        score=first,
        inputs={"points": "55"},
        review_note="Thiếu minh chứng cho 2 chuyên đề",
        expected_version=first.version,
        actor=reviewer,
    )
    review.submission_approve(submission=mine, actor=reviewer)
    _rank(campaign, officer, phase)
    _rank(campaign, officer)
    client.logout()
    return {"campaign": campaign, "phase": phase, "ward_a": ward_a, "ward_b": ward_b, "mine": mine, "theirs": theirs}


def test_a_unit_sees_its_verified_points_the_reviewers_changes_tier_and_ranks(client, world, scorer_a):
    client.force_login(scorer_a)
    response = client.get(reverse("scoring:results-submission", args=[world["mine"].pk]))
    page = response.text
    assert response.status_code == 200
    assert "Tổng điểm: 90 điểm" in page and "Tổng điểm tự chấm: 95" in page
    assert "Xếp loại: <strong>Xuất sắc</strong>" in page
    criterion = page[page.index('id="criterion-1"') :]
    assert "<strong>55</strong>" in criterion[:1500] and ">60<" in criterion[:1500] and "đã điều chỉnh" in criterion
    nodes = response.context["results"].breakdown.nodes  # standard I (with its section I.1), then I.1
    assert [node.subtotal for node in nodes] == [Decimal(90), Decimal(55)]
    for node, shown in zip(nodes, ("90", "55"), strict=True):
        assert f'id="group-{node.group.pk}-subtotal">{shown}</strong>' in page
    changes = page[page.index('id="review-changes"') :]
    assert "Thiếu minh chứng cho 2 chuyên đề" in changes and "60 → <strong>55</strong>" in changes
    assert "Hạng 1" in page and "(trong các tập thể)" in page and "Hạng 1 trong Khối các phường" in page


def test_a_not_classified_unit_sees_why_and_no_rank(client, world, scorer_b):
    client.force_login(scorer_b)
    page = client.get(reverse("scoring:results-submission", args=[world["theirs"].pk])).text
    assert "Không xếp loại" in page and "Không gửi báo cáo năm" in page
    assert "Không xếp loại: không xếp hạng" in page and "Hạng 1" not in page
    listing = client.get(reverse("scoring:results-participant", args=[world["ward_b"].pk])).text
    assert "Không xếp loại" in listing and "98" in listing


def test_the_results_pages_are_for_the_unit_officers_and_reviewers_only(
    client, world, scorer_a, scorer_b, officer, reviewer, other_officer
):
    urls = [
        reverse("scoring:results-submission", args=[world["mine"].pk]),
        reverse("scoring:results-participant", args=[world["ward_a"].pk]),
    ]
    for user, status in ((scorer_a, 200), (officer, 200), (reviewer, 200), (scorer_b, 404), (other_officer, 404)):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == status, (user, url)
            if status == 404:
                assert "Phường 1" not in response.text
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_the_participant_page_lists_phases_and_the_published_campaign_rank(client, world, scorer_a):
    client.force_login(scorer_a)
    page = client.get(reverse("scoring:results-participant", args=[world["ward_a"].pk])).text
    overall = page[page.index('id="overall"') : page.index("</section>", page.index('id="overall"'))]
    assert "90" in overall and "Xuất sắc" in overall and "Hạng 1" in overall
    assert reverse("scoring:results-submission", args=[world["mine"].pk]) in page
    assert 'id="results-awards"' in page and "Chưa có khen thưởng nào từ phong trào này." in page


def test_past_submissions_stay_listed_after_the_campaign_closes(client, world, officer, scorer_a):
    campaign = world["campaign"]
    for action in ("close_scoring", "finalise"):
        planning.campaign_transition(campaign=campaign, action=action, actor=officer)
    client.force_login(scorer_a)
    mine = client.get(reverse("scoring:submission-list")).text
    past = mine[mine.index('id="past-submissions"') :]
    assert campaign.name in past and reverse("scoring:results-submission", args=[world["mine"].pk]) in past
    results = client.get(reverse("scoring:results-list")).text
    assert campaign.name in results and "Xuất sắc" in results
    assert client.get(reverse("scoring:results-submission", args=[world["mine"].pk])).status_code == 200
    home = client.get(reverse("home")).text
    assert reverse("scoring:results-list") in home


def test_awards_of_the_campaign_appear_on_the_results_page(client, world, org_tree, scorer_a):
    decision = AwardDecisionFactory(
        issuing_organization=org_tree["root"], campaign=world["campaign"], number_text="12/QĐ-BTG"
    )
    line = DecisionRecipientFactory(decision=decision, organization=org_tree["ward_a"], recipient_name="Phường 1")
    AwardRecordFactory(
        organization=org_tree["ward_a"],
        award_code="GK_TT",
        award_name="Giấy khen tập thể",
        decision_number="12/QĐ-BTG",
        source="decision",
        decision_recipient=line,
    )
    AwardRecordFactory(organization=org_tree["ward_a"], award_name="Cờ thi đua năm trước")  # not this campaign
    client.force_login(scorer_a)
    page = client.get(reverse("scoring:results-participant", args=[world["ward_a"].pk])).text
    section = page[page.index('id="results-awards"') :]
    assert "Giấy khen tập thể" in section and "12/QĐ-BTG" in section and "Cờ thi đua năm trước" not in section


# --- constant query counts -------------------------------------------------------------------------------------------


def _phases(count):
    return [(f"Đợt {n}", days(-30 + 10 * n), days(-30 + 10 * n + 9)) for n in range(count)]


def _scored(client, org_tree, officer, scorer_a, *, phases, plan_number):
    campaign = build_campaign(
        organization=org_tree["root"],
        officer=officer,
        phases=_phases(phases),
        organizations=[org_tree["ward_a"]],
        plan_number=plan_number,
    )
    Phase.objects.filter(campaign=campaign).update(submission_opens=days(-1), submission_deadline=days(5))
    ward_a = campaign.participants.get()
    client.force_login(scorer_a)
    for phase in campaign.phases.order_by("position"):
        score_and_submit(client, ward_a, phase, 50, 30)
    _rank(campaign, officer)
    return campaign, ward_a


def test_results_pages_run_a_constant_number_of_queries(client, org_tree, officer, scorer_a, django_assert_num_queries):
    _first, one = _scored(client, org_tree, officer, scorer_a, phases=1, plan_number="01-KH/MOT")
    with django_assert_num_queries(QUERIES["participant"]):
        assert client.get(reverse("scoring:results-participant", args=[one.pk])).status_code == 200
    with django_assert_num_queries(QUERIES["list"]):
        assert client.get(reverse("scoring:results-list")).status_code == 200
    _second, three = _scored(client, org_tree, officer, scorer_a, phases=3, plan_number="03-KH/BA")
    with django_assert_num_queries(QUERIES["participant"]):  # three phases here, one more in the other campaign
        page = client.get(reverse("scoring:results-participant", args=[three.pk])).text
    assert page.count('id="result-') == 4
    with django_assert_num_queries(QUERIES["list"]):
        assert client.get(reverse("scoring:results-list")).text.count('id="result-') == 4
    submission = three.submissions.first()
    with django_assert_num_queries(QUERIES["submission"]):
        assert client.get(reverse("scoring:results-submission", args=[submission.pk])).status_code == 200
