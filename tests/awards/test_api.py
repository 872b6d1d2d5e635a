"""The read-only JSON API: token authentication, scoping to the token's subtree, pagination, revocation,
throttling, and the administrators' token pages."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.api.tokens import api_token_create, token_digest
from awards.models import ApiToken
from campaigns.models import Participant
from organizations.enums import Role
from scoring.enums import EntryStatus, RankingStatus
from scoring.models import RankingEntry, RankingRun
from tests.awards.decision_factories import draft_decision, issue, person_line, signer  # noqa: F401
from tests.awards.factories import AwardRecordFactory
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.scoring.factories import launched_campaign


def _get(client, url, raw, **params):
    return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {raw}")


def _published_run(campaign):
    run = RankingRun.objects.create(
        campaign=campaign, phase=None, status=RankingStatus.DONE, is_current=True, finished_at=timezone.now()
    )
    for rank, participant in enumerate(Participant.objects.filter(campaign=campaign).order_by("pk"), start=1):
        RankingEntry.objects.create(
            run=run, participant=participant, total=Decimal(100 - rank), tier_name="Xuất sắc", rank=rank
        )
    return run


@pytest.fixture
def world(org_tree, officer, other_officer, signer):  # noqa: F811
    ours = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"], org_tree["ward_b"]]
    )
    theirs = launched_campaign(
        organization=org_tree["other"], officer=other_officer, participants=[org_tree["other"]], plan_number="9-KH"
    )
    our_decision = draft_decision(org_tree["root"], lines=2)
    person_line(our_decision, org_tree["ward_a"])
    issue(our_decision, signer)
    their_decision = draft_decision(org_tree["other"], lines=1, title="Quyết định của tỉnh khác")
    their_signer = UserFactory(username="their_signer")
    MembershipFactory(user=their_signer, organization=org_tree["other"], role=Role.SIGNER)
    issue(their_decision, their_signer)
    draft_decision(org_tree["root"], lines=1, title="Dự thảo chưa ban hành")
    AwardRecordFactory(organization=org_tree["ward_b"], award_name="Giấy khen phường 2", year=2022)
    AwardRecordFactory(
        person=PersonFactory(organization=org_tree["other"], full_name="Trần Văn Người Ngoài"),
        award_name="Bằng khen tỉnh khác",
    )
    return {
        "our_run": _published_run(ours),
        "their_run": _published_run(theirs),
        "our_decision": our_decision,
        "their_decision": their_decision,
    }


@pytest.fixture
def root_token(org_tree):
    return api_token_create(organization=org_tree["root"], name="CSDL tỉnh", actor=None)[1]


def test_a_request_without_a_valid_token_is_refused(client, world, root_token):
    url = reverse("api:ranking_list")
    assert client.get(url).status_code == 401
    assert _get(client, url, "td_not-a-token").status_code == 401
    assert _get(client, url, root_token[:-1] + "x").status_code == 401


def test_the_token_is_stored_only_as_its_digest(root_token):
    token = ApiToken.objects.get()
    assert token.digest == token_digest(root_token)
    assert root_token not in {token.digest, token.prefix} and root_token.startswith(token.prefix)


def test_rankings_are_scoped_to_the_token_subtree(client, world, root_token):
    body = _get(client, reverse("api:ranking_list"), root_token).json()
    assert [run["id"] for run in body["items"]] == [world["our_run"].pk]
    entries = _get(client, reverse("api:ranking_entries", args=[world["our_run"].pk]), root_token).json()
    assert entries["count"] == 2
    assert [e["organization"]["code"] for e in entries["items"]] == ["WA", "WB"]
    assert entries["items"][0] == entries["items"][0] | {"rank": 1, "tier": "Xuất sắc", "status": EntryStatus.RANKED}
    # Another organisation's ranking: not found, as if it did not exist.
    assert _get(client, reverse("api:ranking_entries", args=[world["their_run"].pk]), root_token).status_code == 404


def test_a_lower_organisation_token_does_not_see_its_parents_data(client, world, org_tree):
    raw = api_token_create(organization=org_tree["dept_a"], name="Phòng A", actor=None)[1]
    assert _get(client, reverse("api:ranking_list"), raw).json()["count"] == 0
    assert _get(client, reverse("api:decision_list"), raw).json()["count"] == 0
    assert _get(client, reverse("api:ranking_entries", args=[world["our_run"].pk]), raw).status_code == 404


def test_decisions_are_issued_ones_of_the_subtree_with_their_recipients(client, world, root_token):
    body = _get(client, reverse("api:decision_list"), root_token).json()
    assert body["count"] == 1
    decision = body["items"][0]
    assert decision["id"] == world["our_decision"].pk
    assert decision["number"] == world["our_decision"].__class__.objects.get(pk=decision["id"]).number_text
    assert len(decision["recipients"]) == 3
    assert "Nguyễn Thị Hồng Nhung" in {line["recipient_name"] for line in decision["recipients"]}
    assert "Quyết định của tỉnh khác" not in str(body) and "Dự thảo chưa ban hành" not in str(body)


def test_the_ledger_is_scoped_and_filtered_by_year(client, world, root_token):
    body = _get(client, reverse("api:award_list"), root_token).json()
    names = {record["award_name"] for record in body["items"]}
    assert "Giấy khen phường 2" in names
    assert "Bằng khen tỉnh khác" not in names and "Trần Văn Người Ngoài" not in str(body)
    only_2022 = _get(client, reverse("api:award_list"), root_token, year=2022).json()
    assert [record["award_name"] for record in only_2022["items"]] == ["Giấy khen phường 2"]
    assert _get(client, reverse("api:award_list"), root_token, year=99999999999).status_code == 422


def test_lists_are_paginated(client, org_tree, root_token):
    for index in range(7):
        AwardRecordFactory(organization=org_tree["ward_a"], award_name=f"Giấy khen {index}", year=2020 + index)
    url = reverse("api:award_list")
    first = _get(client, url, root_token, page_size=3).json()
    third = _get(client, url, root_token, page_size=3, page=3).json()
    assert first["count"] == third["count"] == 7
    assert [r["year"] for r in first["items"]] == [2026, 2025, 2024]
    assert [r["year"] for r in third["items"]] == [2020]
    assert _get(client, url, root_token, page=10**30).status_code == 400  # refused by the bounded-number middleware


def test_a_revoked_token_is_refused(client, world, org_tree):
    admin = UserFactory(username="quantri")
    MembershipFactory(user=admin, organization=org_tree["root"], role=Role.ADMIN)
    token, raw = api_token_create(organization=org_tree["root"], name="Hệ thống nhân sự", actor=admin)
    assert _get(client, reverse("api:decision_list"), raw).status_code == 200
    client.force_login(admin)
    response = client.post(reverse("awards:apitoken-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == admin
    client.logout()
    assert _get(client, reverse("api:decision_list"), raw).status_code == 401


def test_each_token_is_throttled(client, settings, world, root_token, org_tree):
    settings.API_THROTTLE_RATE = "3/m"
    url = reverse("api:ranking_list")
    assert [_get(client, url, root_token).status_code for _ in range(4)] == [200, 200, 200, 429]
    other = api_token_create(organization=org_tree["root"], name="Khác", actor=None)[1]
    assert _get(client, url, other).status_code == 200


def test_the_openapi_description_is_served(client):
    schema = client.get(reverse("api:openapi-json")).json()
    assert {"/api/v1/rankings", "/api/v1/decisions", "/api/v1/awards"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"] == {"TokenAuth": {"type": "http", "scheme": "bearer"}}


def test_an_admin_creates_a_token_shown_once(client, org_tree):
    admin = UserFactory(username="quantri")
    MembershipFactory(user=admin, organization=org_tree["root"], role=Role.ADMIN)
    client.force_login(admin)
    url = reverse("awards:apitoken-list")
    response = client.post(url, {"organization": org_tree["dept_a"].pk, "name": "CSDL thi đua tỉnh"})
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get()
    assert token.organization == org_tree["dept_a"] and token.digest == token_digest(raw)
    assert raw not in client.get(url).content.decode()
    # An organisation outside the admin's reach is not a choice.
    response = client.post(url, {"organization": org_tree["other"].pk, "name": "x"})
    assert response.status_code == 400 and ApiToken.objects.count() == 1


def test_tokens_are_managed_by_admins_only_and_within_their_reach(client, org_tree, officer):
    client.force_login(officer)
    assert client.get(reverse("awards:apitoken-list")).status_code == 403
    theirs, _raw = api_token_create(organization=org_tree["other"], name="Của tỉnh khác", actor=None)
    admin = UserFactory(username="quantri")
    MembershipFactory(user=admin, organization=org_tree["root"], role=Role.ADMIN)
    client.force_login(admin)
    assert client.post(reverse("awards:apitoken-revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
