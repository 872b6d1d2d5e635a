"""The public pages: no login, rate-limited, nothing private (a scan for draft nominees, e-mails and phone numbers),
comments held for moderation with the contact kept private, rankings and decisions only when the organisation
chooses to publish them."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import CommentStatus, DisclosureComment, PublicComment, PublicDisclosure
from campaigns.models import Participant
from scoring.enums import RankingStatus
from scoring.models import RankingEntry, RankingRun
from tests.awards.decision_factories import draft_decision, issue, person_line, signer  # noqa: F401
from tests.awards.factories import AwardPlanFactory, NominationFactory
from tests.factories import PersonFactory
from tests.scoring.factories import launched_campaign

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b0\d{9}\b")


@pytest.fixture
def world(org_tree, officer, signer):  # noqa: F811
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"], org_tree["ward_b"]]
    )
    plan = AwardPlanFactory(campaign=campaign)
    person = PersonFactory(
        organization=org_tree["ward_a"],
        full_name="Lê Thị Công Khai",
        email="congkhai@example.gov.vn",
        phone="0912345678",
    )
    disclosed = NominationFactory(plan=plan, person=person)
    NominationFactory(plan=plan, person=PersonFactory(organization=org_tree["ward_b"], full_name="Trần Văn Dự Thảo"))
    now = timezone.now()
    disclosure = PublicDisclosure.objects.create(
        campaign=campaign, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=3), published_by=officer
    )
    disclosure.nominations.set([disclosed])
    run = RankingRun.objects.create(
        campaign=campaign, phase=None, status=RankingStatus.DONE, is_current=True, finished_at=now
    )
    for rank, participant in enumerate(Participant.objects.filter(campaign=campaign).order_by("pk"), start=1):
        RankingEntry.objects.create(
            run=run, participant=participant, total=Decimal(90 - rank), tier_name="Xuất sắc", rank=rank
        )
    decision = draft_decision(org_tree["root"], lines=1)
    person_line(decision, org_tree["ward_a"])
    issue(decision, signer)
    draft_decision(org_tree["root"], lines=1, title="Dự thảo quyết định bí mật")
    return {"disclosure": disclosure, "nomination": disclosed, "run": run, "decision": decision}


def _publish(client, officer, organization, **choices):
    client.force_login(officer)
    response = client.post(
        reverse("awards:publication-edit", args=[organization.pk]), {k: "on" for k, v in choices.items() if v}
    )
    assert response.status_code == 302
    client.logout()


def _public_pages(world, root):
    return [
        reverse("public:index"),
        reverse("public:disclosure", args=[world["disclosure"].pk]),
        reverse("public:organization", args=[root.pk]),
        reverse("public:ranking", args=[root.pk, world["run"].pk]),
        reverse("public:decision", args=[root.pk, world["decision"].pk]),
    ]


def test_the_public_pages_show_nothing_private(client, officer, world, org_tree):
    root = org_tree["root"]
    _publish(client, officer, root, publish_rankings=True, publish_decisions=True)
    PublicComment.objects.create(
        disclosure=world["disclosure"],
        author_name="Người dân A",
        contact="nguoidan@example.com",
        body="Đồng ý",
        status=CommentStatus.ACCEPTED,
    )
    PublicComment.objects.create(
        disclosure=world["disclosure"], author_name="Người chưa duyệt", contact="0987654321", body="Chờ duyệt"
    )
    pages = []
    for url in _public_pages(world, root):
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    text = "\n".join(pages)
    assert "Lê Thị Công Khai" in text and "Người dân A" in text and "Đồng ý" in text
    assert "Trần Văn Dự Thảo" not in text  # a nominee not on the open list
    assert "Người chưa duyệt" not in text and "Chờ duyệt" not in text
    assert "Dự thảo quyết định bí mật" not in text
    assert not EMAIL.findall(text), EMAIL.findall(text)
    assert not PHONE.findall(text), PHONE.findall(text)
    assert 'href="/verify/"' in pages[0]


def test_rankings_and_decisions_are_public_only_when_chosen(client, officer, world, org_tree):
    root = org_tree["root"]
    for url in _public_pages(world, root)[2:]:
        assert client.get(url).status_code == 404
    _publish(client, officer, root, publish_rankings=True)
    assert client.get(reverse("public:ranking", args=[root.pk, world["run"].pk])).status_code == 200
    assert client.get(reverse("public:decision", args=[root.pk, world["decision"].pk])).status_code == 404


def test_a_public_comment_waits_for_the_officer(client, officer, world):
    url = reverse("public:disclosure", args=[world["disclosure"].pk])
    response = client.post(
        url,
        {
            "author_name": "Nguyễn Văn Dân",
            "contact": "dan@example.com",
            "nomination": world["nomination"].pk,
            "body": "Xứng đáng",
        },
    )
    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "Xứng đáng" not in client.get(url).content.decode()
    client.force_login(officer)
    queue = client.get(reverse("awards:public-comment-queue")).content.decode()
    assert "dan@example.com" in queue  # the officer sees the contact
    client.post(reverse("awards:public-comment-moderate", args=[comment.pk]), {"decision": "accept"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.ACCEPTED and comment.moderated_by == officer
    recorded = DisclosureComment.objects.get()
    assert recorded.author_name == "Nguyễn Văn Dân" and recorded.nomination == world["nomination"]
    client.logout()
    page = client.get(url).content.decode()
    assert "Xứng đáng" in page and "dan@example.com" not in page


def test_another_officer_cannot_moderate(client, other_officer, world):
    comment = PublicComment.objects.create(disclosure=world["disclosure"], author_name="A", contact="x", body="b")
    client.force_login(other_officer)
    assert (
        client.post(reverse("awards:public-comment-moderate", args=[comment.pk]), {"decision": "accept"}).status_code
        == 404
    )
    assert "x" not in {c.contact for c in client.get(reverse("awards:public-comment-queue")).context["page_obj"]}


def test_public_pages_are_rate_limited(client, settings, world):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 2
    url = reverse("public:index")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_comments_are_limited_per_hour(client, settings, world):
    settings.PUBLIC_COMMENTS_PER_HOUR = 1
    url = reverse("public:disclosure", args=[world["disclosure"].pk])
    data = {"author_name": "A", "contact": "a@example.com", "body": "Một"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 429
    assert PublicComment.objects.count() == 1


def test_a_closed_disclosure_is_not_public(client, world):
    PublicDisclosure.objects.filter(pk=world["disclosure"].pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("public:disclosure", args=[world["disclosure"].pk])).status_code == 404
