"""At 390 px (a phone), the wide tables scroll inside their container with the key column in view: the page itself
never scrolls sideways. Also: the people list follows the typing (htmx), without diacritics."""

import pytest
from django.urls import reverse

from awards.nominations.services.plans import plan_save
from campaigns.models import Participant
from campaigns.participants import services as ps
from organizations.enums import Role
from scoring.enums import SubmissionStatus
from tests.awards.factories import NominationFactory, award_type
from tests.awards.nomination_factories import publish_ranking
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.permissions.world import _campaign, _submission

pytestmark = pytest.mark.django_db(transaction=True)

LONG = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tân Định, quận Một, Thành phố Hồ Chí Minh"


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def arranged(org_tree, officer, scorer_a, seeded_catalogue):
    org_tree["ward_a"].name = LONG
    org_tree["ward_a"].save()
    reviewer = UserFactory(username="reviewer")
    MembershipFactory(user=reviewer, organization=org_tree["root"], role=Role.REVIEWER)
    campaign, _table, _group, criteria = _campaign(
        org_tree["root"], officer, [org_tree["ward_a"], org_tree["ward_b"]], "P"
    )
    part_a = Participant.objects.get(campaign=campaign, organization=org_tree["ward_a"])
    ps.registration_submit(
        participant=part_a,
        user=scorer_a,
        commitment="Cam kết",
        products=[{"title": "Công trình chào mừng Đại hội Đảng bộ phường nhiệm kỳ 2025 – 2030 " * 2}],
    )
    phase1, phase2 = campaign.phases.order_by("position")
    _submission(part_a, phase2, criteria, SubmissionStatus.SUBMITTED)
    publish_ranking(campaign, {org_tree["ward_a"]: 95, org_tree["ward_b"]: 75}, officer=officer)
    plan = plan_save(campaign=campaign, award_type=award_type("GK_TT"), quota=None)
    NominationFactory(plan=plan, organization=org_tree["ward_a"], participant=part_a, created_by=officer)
    PersonFactory(organization=org_tree["ward_a"], full_name="Nguyễn Văn Phương")
    PersonFactory(organization=org_tree["ward_b"], full_name="Trần Thị Bình")
    return campaign, part_a, reviewer


def test_wide_tables_fit_a_phone(journey_for, arranged, officer):
    campaign, participant, reviewer = arranged
    journey = journey_for("phone-width")
    page = journey.page_for(officer)
    page.set_viewport_size({"width": 390, "height": 844})
    pages = {
        "registration-products": reverse("campaigns:registration-detail", args=[campaign.pk, participant.pk]),
        "ranking": reverse("scoring:ranking-list", args=[campaign.pk]),
        "nominations": reverse("awards:nomination-list", args=[campaign.pk]),
        "calendar": reverse("calendar"),
    }
    for name, url in pages.items():
        page.goto(url)
        journey.step(page, name)
        assert _overflow(page) <= 0, f"{name} scrolls sideways at 390 px"
    queue = journey.page_for(reviewer)
    queue.set_viewport_size({"width": 390, "height": 844})
    queue.goto(reverse("scoring:review-queue"))
    journey.step(queue, "review-queue")
    wide = queue.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 391"
        " && !e.closest('.table-responsive'))"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert _overflow(queue) <= 0, wide
    # The key column stays in view while the table scrolls.
    page.goto(reverse("awards:nomination-list", args=[campaign.pk]))
    position = page.evaluate("getComputedStyle(document.querySelector('#nominations td:nth-child(2)')).position")
    assert position == "sticky"


def test_people_list_follows_typing_without_diacritics(journey_for, arranged, officer):
    journey = journey_for("search-as-you-type")
    page = journey.page_for(officer)
    page.goto(reverse("organizations:person-list"))
    page.fill("#q", "nguyen phuong")
    page.locator("#results").get_by_text("Trần Thị Bình").wait_for(state="detached")
    assert "Nguyễn Văn Phương" in page.locator("#results").inner_text()
    assert "q=nguyen" in page.url and "phuong" in page.url  # the address keeps the search (back button, sharing)
    journey.step(page, "typed")
