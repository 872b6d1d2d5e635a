"""Campaign lifecycle and the 2020 three-phase plan of seed 000, through services and the HTTP client."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, CampaignEvent, Phase
from campaigns.planning import services
from tests.campaigns.table_helpers import add_minimal_scoring

pytestmark = pytest.mark.django_db

PLAN_2020 = {
    "plan_number": "383-KH/BTGTW",
    "plan_date": date(2020, 4, 20),
    "signer_name": "Võ Văn Phuông",
    "signer_title": "Phó Trưởng Ban Tuyên giáo Trung ương",
    "name": "Phong trào thi đua chào mừng 90 năm Ngày truyền thống ngành Tuyên giáo",
    "start_date": date(2020, 5, 1),
    "end_date": date(2020, 12, 31),
}
PHASES_2020 = [
    ("Đợt 1", date(2020, 5, 1), date(2020, 6, 30)),
    ("Đợt 2", date(2020, 7, 1), date(2020, 8, 1)),
    ("Đợt 3", date(2020, 9, 1), date(2020, 12, 31)),
]


@pytest.fixture
def campaign(org_tree, officer):
    return services.campaign_create(launching_organization=org_tree["root"], created_by=officer, **PLAN_2020)


def _add_2020_phases(campaign, *, with_scoring: bool = True):
    for name, start, end in PHASES_2020:
        services.phase_save(campaign=campaign, name=name, start_date=start, end_date=end, theme=f"Chủ đề {name}")
    if with_scoring:
        add_minimal_scoring(campaign)


def test_seed_000_three_phases_are_entered_exactly(campaign):
    _add_2020_phases(campaign)
    rows = list(campaign.phases.values_list("position", "name", "start_date", "end_date"))
    assert rows == [(i + 1, n, s, e) for i, (n, s, e) in enumerate(PHASES_2020)]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2020, 6, 30), date(2020, 7, 15)),
        (date(2020, 4, 1), date(2020, 4, 30)),
        (date(2020, 12, 1), date(2021, 1, 5)),
    ],
)
def test_overlapping_or_outside_phase_is_refused(campaign, start, end):
    _add_2020_phases(campaign)
    with pytest.raises(ValidationError):
        services.phase_save(campaign=campaign, name="Đợt lỗi", start_date=start, end_date=end)
    assert campaign.phases.count() == 3


def test_launch_needs_a_valid_scoring_table(campaign, officer):
    _add_2020_phases(campaign, with_scoring=False)
    with pytest.raises(ValidationError, match="bảng chấm điểm|scoring table"):
        services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.DRAFT


def test_launch_needs_a_phase(campaign, officer):
    with pytest.raises(ValidationError):
        services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.DRAFT


def test_full_lifecycle_is_recorded(campaign, officer):
    _add_2020_phases(campaign)
    for action, status in [
        ("launch", "launched"),
        ("close_scoring", "scoring_closed"),
        ("reopen_scoring", "launched"),
        ("close_scoring", "scoring_closed"),
        ("finalise", "finalised"),
        ("archive", "archived"),
    ]:
        campaign = services.campaign_transition(campaign=campaign, action=action, actor=officer)
        assert campaign.status == status
    steps = list(campaign.events.order_by("created_at", "id").values_list("action", "actor__username"))
    assert steps[0] == ("create", "officer") and steps[-1] == ("archive", "officer") and len(steps) == 7


def test_impossible_step_is_refused(campaign, officer):
    with pytest.raises(ValidationError):
        services.campaign_transition(campaign=campaign, action="finalise", actor=officer)


def test_correction_after_launch_needs_reason_and_is_recorded(campaign, officer):
    _add_2020_phases(campaign)
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    with pytest.raises(ValidationError):
        services.campaign_update(campaign=campaign, actor=officer, theme="Chủ đề mới")
    services.campaign_update(campaign=campaign, actor=officer, theme="Chủ đề mới", note="Sửa lỗi chính tả")
    event = CampaignEvent.objects.get(action="correction")
    assert event.changes == {"theme": ["", "Chủ đề mới"]} and event.note == "Sửa lỗi chính tả"


def test_only_drafts_can_be_deleted(campaign, officer):
    _add_2020_phases(campaign)
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    with pytest.raises(ValidationError):
        services.campaign_delete(campaign=campaign)
    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_officer_creates_campaign_in_the_browser(client, officer, org_tree):
    client.force_login(officer)
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in PLAN_2020.items()}
    data |= {
        "launching_organization": org_tree["root"].pk,
        "kind": "thematic",
        "participant_scope": "both",
        "phase_combination": "weighted",
        "min_products_per_unit": 1,
        "objectives": "Dòng 1\n<b>Dòng 2</b>",
    }
    response = client.post(reverse("campaigns:campaign-create"), data)
    campaign = Campaign.objects.get(plan_number="383-KH/BTGTW")
    assert response.status_code == 302 and campaign.created_by == officer and campaign.is_draft
    page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert "Dòng 1<br>&lt;b&gt;Dòng 2&lt;/b&gt;" in page  # line breaks kept, no raw HTML


def test_campaign_form_error_keeps_input(client, officer, org_tree):
    client.force_login(officer)
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in PLAN_2020.items()}
    data |= {
        "launching_organization": org_tree["root"].pk,
        "kind": "regular",
        "participant_scope": "collective",
        "phase_combination": "weighted",
        "min_products_per_unit": 0,
        "end_date": "2020-04-01",
    }
    response = client.post(reverse("campaigns:campaign-create"), data)
    assert response.status_code == 400 and not Campaign.objects.exists()
    assert "Võ Văn Phuông" in response.content.decode()


def test_officer_walks_the_lifecycle_with_confirmation(client, officer, campaign):
    _add_2020_phases(campaign)
    client.force_login(officer)
    url = reverse("campaigns:campaign-transition", args=[campaign.pk, "launch"])
    confirm = client.get(url)
    assert confirm.status_code == 200 and Campaign.objects.get(pk=campaign.pk).is_draft
    client.post(url, {"note": "Phát động"})
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.LAUNCHED


def test_officer_of_another_organisation_gets_404(client, other_officer, campaign):
    client.force_login(other_officer)
    for name in ["campaign-detail", "campaign-update", "campaign-delete"]:
        assert client.get(reverse(f"campaigns:{name}", args=[campaign.pk])).status_code == 404
    assert client.post(reverse("campaigns:campaign-transition", args=[campaign.pk, "launch"])).status_code == 404


def test_unit_scorer_does_not_see_drafts(client, scorer_a, campaign):
    client.force_login(scorer_a)
    assert client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("campaigns:campaign-list")).context["page_obj"].paginator.count == 0


def test_phase_form_reports_overlap_and_keeps_input(client, officer, campaign):
    _add_2020_phases(campaign)
    client.force_login(officer)
    response = client.post(
        reverse("campaigns:phase-create", args=[campaign.pk]),
        {"name": "Đợt chồng lấn", "theme": "", "start_date": "2020-06-15", "end_date": "2020-07-10", "weight": "1"},
    )
    assert response.status_code == 400 and "Đợt chồng lấn" in response.content.decode()
    assert not Phase.objects.filter(name="Đợt chồng lấn").exists()


PHASE = {"name": "Đợt 1", "theme": "", "start_date": "2020-05-01", "end_date": "2020-06-30", "weight": "1"}


def test_phase_form_sets_a_submission_window_apart_from_the_phase(client, officer, campaign):
    client.force_login(officer)
    data = PHASE | {"submission_opens": "2020-06-20", "submission_deadline": "2020-07-10"}
    response = client.post(reverse("campaigns:phase-create", args=[campaign.pk]), data)
    assert response.status_code == 302
    phase = Phase.objects.get(campaign=campaign)
    assert (phase.submission_opens, phase.submission_deadline) == (date(2020, 6, 20), date(2020, 7, 10))
    page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert "Nhận hồ sơ: 20/06/2020 – 10/07/2020" in page


def test_phase_window_defaults_to_the_phase_dates(client, officer, campaign):
    client.force_login(officer)
    client.post(reverse("campaigns:phase-create", args=[campaign.pk]), PHASE)
    phase = Phase.objects.get(campaign=campaign)
    assert (phase.window_opens, phase.window_closes) == (date(2020, 5, 1), date(2020, 6, 30))
    assert (
        "Nhận hồ sơ: 01/05/2020 – 30/06/2020"
        in client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).text
    )


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"submission_opens": "2020-07-05", "submission_deadline": "2020-07-01"}, "Hạn nộp không được trước ngày"),
        ({"submission_deadline": "2020-04-20"}, "Hạn nộp không được trước ngày"),
        ({"submission_opens": "2020-07-05"}, "Khi không đặt hạn nộp"),
    ],
)
def test_phase_window_out_of_order_is_refused_and_keeps_input(client, officer, campaign, window, message):
    client.force_login(officer)
    response = client.post(reverse("campaigns:phase-create", args=[campaign.pk]), PHASE | window)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert all(f'value="{value}"' in page for value in window.values())
    assert not Phase.objects.exists()


def test_a_scorer_cannot_change_phase_windows(client, scorer_a, officer, campaign):
    _add_2020_phases(campaign)
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    phase = campaign.phases.first()
    client.force_login(scorer_a)
    data = PHASE | {"submission_deadline": "2020-12-31"}
    response = client.post(reverse("campaigns:phase-update", args=[campaign.pk, phase.pk]), data)
    assert response.status_code in (403, 404)
    phase.refresh_from_db()
    assert phase.submission_deadline is None


def test_a_window_corrected_after_launch_is_recorded(campaign, officer):
    _add_2020_phases(campaign)
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    phase = campaign.phases.first()
    services.phase_save(campaign=campaign, phase=phase, actor=officer, submission_deadline=date(2020, 7, 15))
    event = CampaignEvent.objects.get(campaign=campaign, action="phase_correction")
    assert event.changes["submission_deadline"] == ["", "15/07/2020"]


def test_registration_requirement_is_set_in_the_campaign_form(client, officer, campaign):
    client.force_login(officer)
    form = client.get(reverse("campaigns:campaign-update", args=[campaign.pk])).content.decode()
    assert 'name="registration_required"' in form and "phải đăng ký thi đua trước khi tự chấm" in form
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in PLAN_2020.items()}
    data |= {
        "kind": "regular",
        "participant_scope": "collective",
        "phase_combination": "weighted",
        "min_products_per_unit": 0,
        "registration_required": "on",
    }
    assert client.post(reverse("campaigns:campaign-update", args=[campaign.pk]), data).status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).registration_required


def test_campaign_list_query_count_is_constant(client, officer, org_tree, campaign, django_assert_num_queries):
    client.force_login(officer)
    url = reverse("campaigns:campaign-list")
    client.get(url)
    with django_assert_num_queries(5):
        client.get(url)
    for n in range(3):
        services.campaign_create(launching_organization=org_tree["dept_a"], **(PLAN_2020 | {"plan_number": f"{n}-KH"}))
    with django_assert_num_queries(5):
        client.get(url)


def test_model_choices_match_the_pure_scoring_rules():
    from campaigns.enums import CriterionKind, CriterionMethod, RelativeScope, RuleKind, RulePer
    from campaigns.points import BaseKind, Per, Role, Scope
    from campaigns.points import RuleKind as PureRuleKind

    assert set(CriterionMethod.values) == {m.value for m in BaseKind}
    assert set(CriterionKind.values) == {k.value for k in Role}
    assert set(RuleKind.values) == {k.value for k in PureRuleKind}
    assert set(RulePer.values) == {k.value for k in Per}
    assert set(RelativeScope.values) == {k.value for k in Scope}
