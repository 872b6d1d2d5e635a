"""Public disclosure (công khai): publishing, the window blocking council votes, comments from viewers and on paper,
and who may see what."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import DisclosureComment, Nomination, PublicDisclosure
from awards.nominations.selectors import nomination_voting_block_reason, nominations_ready_for_council
from awards.nominations.services import disclosure as dsvc
from awards.nominations.services import nominations as svc
from tests.awards.factories import AwardPlanFactory, award_type
from tests.awards.nomination_factories import campaign_2024, publish_ranking, use_english, wards

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    use_english(client, settings)


@pytest.fixture
def setup(org_tree, officer):
    """ward_a (scorer_a's unit) and two wards; the Prime Minister's certificate (disclosure 5 days) for all ≥ 85."""
    units = [org_tree["ward_a"], *wards(org_tree, 2)]
    campaign = campaign_2024(org_tree, officer, units)
    publish_ranking(campaign, dict(zip(units, [95, 90, 60], strict=True)), officer=officer)
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("BK_TTCP_TT"), quota=None, minimum_points=85)
    svc.nominations_generate(plan=plan, actor=officer)
    return campaign, plan


def _url(name, campaign, *args):
    return reverse(f"awards:{name}", args=[campaign.pk, *args])


def _published(campaign, officer, *, started_days_ago=0, days=5):
    starts_at = timezone.now() - timedelta(days=started_days_ago)
    return dsvc.disclosure_publish(campaign=campaign, actor=officer, days=days, starts_at=starts_at, now=starts_at)


def test_officer_publishes_for_the_awards_default_days(client, officer, setup):
    campaign, plan = setup
    client.force_login(officer)

    form = client.get(_url("disclosure-create", campaign)).content.decode()
    response = client.post(_url("disclosure-create", campaign), {"days": 5, "note": "Niêm yết tại trụ sở"})

    assert 'name="days" value="5"' in form
    disclosure = PublicDisclosure.objects.get()
    assert response["Location"] == _url("disclosure-detail", campaign, disclosure.pk)
    assert disclosure.ends_at - disclosure.starts_at == timedelta(days=5)
    assert set(disclosure.nominations.all()) == set(Nomination.objects.filter(plan=plan, is_eligible=True))
    assert disclosure.nominations.count() == 2
    again = client.post(_url("disclosure-create", campaign), {"days": 5})
    assert "No proposed nomination waits for a public disclosure." in again.content.decode()
    assert PublicDisclosure.objects.count() == 1


def test_voting_waits_for_the_disclosure_to_end(officer, setup, org_tree):
    campaign, plan = setup
    nomination = Nomination.objects.get(plan=plan, organization=org_tree["ward_a"])
    now = timezone.now()

    assert "has not been published" in nomination_voting_block_reason(nomination, now=now)
    assert list(nominations_ready_for_council(campaign=campaign, now=now)) == []

    disclosure = _published(campaign, officer, days=5)
    assert "still open until" in nomination_voting_block_reason(nomination, now=now)
    assert list(nominations_ready_for_council(campaign=campaign, now=now)) == []

    later = disclosure.ends_at + timedelta(seconds=1)
    assert nomination_voting_block_reason(nomination, now=later) is None
    assert set(nominations_ready_for_council(campaign=campaign, now=later)) == set(disclosure.nominations.all())


def test_withdrawn_and_ineligible_nominations_are_blocked(officer, setup, org_tree):
    campaign, plan = setup
    nomination = Nomination.objects.get(plan=plan, organization=org_tree["ward_a"])
    _published(campaign, officer, started_days_ago=10)
    later = timezone.now()
    svc.nomination_withdraw(nomination=nomination, reason="rút", actor=officer)
    nomination.refresh_from_db()
    ineligible = Nomination.objects.filter(plan=plan).exclude(pk=nomination.pk).first()
    Nomination.objects.filter(pk=ineligible.pk).update(is_eligible=False)
    ineligible.refresh_from_db()

    assert nomination_voting_block_reason(nomination, now=later) == "The nomination was withdrawn."
    assert nomination_voting_block_reason(ineligible, now=later) == "The nominee is not eligible for this award."
    assert list(nominations_ready_for_council(campaign=campaign, now=later)) == []


def test_awards_without_disclosure_are_ready_at_once(officer, setup):
    campaign, _plan = setup
    plan = AwardPlanFactory(campaign=campaign, award_type=award_type("GK_TT"), quota=1)
    [nomination] = svc.nominations_generate(plan=plan, actor=officer)

    assert nomination_voting_block_reason(nomination, now=timezone.now()) is None
    assert list(nominations_ready_for_council(campaign=campaign, now=timezone.now())) == [nomination]


def test_a_participating_unit_reads_and_comments_while_open(client, officer, scorer_a, setup, org_tree):
    campaign, plan = setup
    disclosure = _published(campaign, officer)
    nomination = Nomination.objects.get(plan=plan, organization=org_tree["ward_a"])
    scorer_a.first_name, scorer_a.last_name = "Lan", "Nguyễn"
    scorer_a.save()
    client.force_login(scorer_a)

    page = client.get(_url("disclosure-detail", campaign, disclosure.pk)).content.decode()
    client.post(_url("disclosure-comment", campaign, disclosure.pk), {"nomination": nomination.pk, "body": "Đồng ý"})
    paper = client.post(_url("disclosure-comment-paper", campaign, disclosure.pk), {"author_name": "X", "body": "Y"})

    assert "Open for comments" in page and "Phường 1" in page
    comment = DisclosureComment.objects.get()
    assert comment.body == "Đồng ý" and comment.nomination == nomination and comment.recorded_by == scorer_a
    assert comment.author_name == scorer_a.get_full_name()
    assert paper.status_code == 403 and DisclosureComment.objects.count() == 1
    assert "Đồng ý" in client.get(_url("disclosure-detail", campaign, disclosure.pk)).content.decode()


def test_comments_close_with_the_window_but_paper_ones_can_be_recorded(client, officer, scorer_a, setup):
    campaign, _plan = setup
    disclosure = _published(campaign, officer, started_days_ago=6, days=5)
    client.force_login(scorer_a)

    late = client.post(_url("disclosure-comment", campaign, disclosure.pk), {"body": "Muộn"})
    assert late.status_code == 400 and "comments are closed" in late.content.decode()

    client.force_login(officer)
    client.post(
        _url("disclosure-comment-paper", campaign, disclosure.pk),
        {"author_name": "Ông Trần Văn B", "body": "Thư góp ý gửi qua bưu điện"},
    )
    comment = DisclosureComment.objects.get()
    assert comment.author_name == "Ông Trần Văn B" and comment.recorded_by == officer


def test_the_comment_form_keeps_what_was_typed(client, officer, setup):
    campaign, _plan = setup
    disclosure = _published(campaign, officer)
    client.force_login(officer)

    response = client.post(_url("disclosure-comment-paper", campaign, disclosure.pk), {"author_name": "Bà C"})

    assert response.status_code == 400 and 'value="Bà C"' in response.content.decode()
    assert not DisclosureComment.objects.exists()


def test_people_outside_the_campaign_get_404(client, officer, other_officer, scorer_b, setup):
    campaign, _plan = setup
    disclosure = _published(campaign, officer)
    for user in (other_officer, scorer_b):  # ward_b does not take part in this campaign
        client.force_login(user)
        assert client.get(_url("disclosure-detail", campaign, disclosure.pk)).status_code == 404
        assert client.post(_url("disclosure-comment", campaign, disclosure.pk), {"body": "x"}).status_code == 404
    client.force_login(other_officer)
    assert client.post(_url("disclosure-create", campaign), {"days": 3}).status_code == 404
    assert not DisclosureComment.objects.exists()


def test_disclosure_list_queries_are_constant(client, officer, setup, django_assert_max_num_queries):
    campaign, _plan = setup
    client.force_login(officer)
    _published(campaign, officer, started_days_ago=20)
    with django_assert_max_num_queries(12) as one:
        client.get(_url("disclosure-list", campaign))
    for i in range(2):
        PublicDisclosure.objects.create(
            campaign=campaign, starts_at=timezone.now(), ends_at=timezone.now() + timedelta(days=i + 1)
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_url("disclosure-list", campaign))
    assert response.content.decode().count("/disclosures/") >= 4


def test_commenters_are_shown_to_officers_only(client, officer, scorer_a, setup):
    campaign, _plan = setup
    disclosure = _published(campaign, officer)
    client.force_login(officer)
    client.post(
        _url("disclosure-comment-paper", campaign, disclosure.pk),
        {"author_name": "Ông Trần Văn B", "body": "Thư góp ý gửi qua bưu điện"},
    )
    officer_page = client.get(_url("disclosure-detail", campaign, disclosure.pk)).content.decode()
    assert "Ông Trần Văn B" in officer_page

    client.force_login(scorer_a)  # a nominated unit
    nominee_page = client.get(_url("disclosure-detail", campaign, disclosure.pk)).content.decode()
    assert "Thư góp ý gửi qua bưu điện" in nominee_page
    assert "Ông Trần Văn B" not in nominee_page and "A commenter" in nominee_page
