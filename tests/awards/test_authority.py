"""Authority by level (#13 item 1): an organisation decides only the awards within its authority (data: the award's
``decided_by``, its own titles, ``AuthorityHolder`` rows by kind or by name); the rest is proposed upward."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.catalogue.authority import awards_within_authority, deciding_organization, may_decide
from awards.enums import NominationStatus
from awards.models import AuthorityHolder, AwardDecision, DecisionRecipient, Nomination
from tests.awards.council_factories import campaign_with_nominations, custom_award
from tests.awards.decision_factories import draft_decision, signer  # noqa: F401
from tests.awards.factories import AwardPlanFactory, NominationFactory, award_type
from tests.awards.nomination_factories import use_english
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    use_english(client, settings)


def test_the_seeded_catalogue_says_who_decides_each_award():
    assert award_type("GK_TT").decided_by == "own"
    assert award_type("BK_TINH_TT").decided_by == "province_ministry"
    assert award_type("CO_TD_CP").decided_by == "prime_minister"
    assert award_type("CSTD_TQ").decided_by == "president"
    assert AuthorityHolder.objects.filter(organization_kind="province", authority="province_ministry").exists()


def test_a_board_decides_its_own_giay_khen_but_not_a_province_bang_khen(org_tree):
    board = org_tree["root"]  # a unit-kind board (Ban Tuyên giáo Thành ủy)
    province = OrganizationFactory(kind="province", name="UBND tỉnh Sóc Trăng")

    assert may_decide(board, award_type("GK_TT"))
    assert not may_decide(board, award_type("BK_TINH_TT"))
    assert may_decide(province, award_type("BK_TINH_TT"))
    assert not may_decide(province, award_type("BK_TTCP_TT"))
    codes = set(awards_within_authority(board).values_list("code", flat=True))
    assert "GK_TT" in codes and not codes & {"BK_TINH_TT", "BK_TTCP_TT", "CO_TD_CP", "CSTD_TQ"}


def test_the_nearest_organisation_above_that_holds_the_authority_decides(org_tree):
    committee = OrganizationFactory(name="Thành ủy Sóc Trăng", kind="party_body")
    board = OrganizationFactory(name="Ban Tuyên giáo Thành ủy", parent=committee)
    AuthorityHolder.objects.create(authority="province_ministry", organization=committee, legal_basis="Quy định")

    assert deciding_organization(board, award_type("BK_TINH_TT")) == committee
    assert deciding_organization(board, award_type("GK_TT")) == board
    assert deciding_organization(board, award_type("BK_TTCP_TT")) is None


def test_another_organisations_own_title_is_never_decided_here(client, org_tree, officer):
    foreign = custom_award("ST_RIENG", percent=50, base="all", inclusive=False, owner=org_tree["other"])
    decision = draft_decision(org_tree["root"], lines=1)
    line = decision.recipients.get()
    client.force_login(officer)

    form = client.get(reverse("awards:recipient-create", args=[decision.pk])).content.decode()
    DecisionRecipient.objects.filter(pk=line.pk).update(award_type=foreign)
    response = client.post(
        reverse("awards:recipient-update", args=[decision.pk, line.pk]),
        {"award_type": award_type("GK_TT").pk, "recipient_name": "X", "position": 1},
    )

    assert foreign.name not in form
    assert response.status_code == 302  # back to its own Giấy khen: accepted


def test_the_recipient_form_offers_only_awards_within_authority(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=0)
    client.force_login(officer)

    form = client.get(reverse("awards:recipient-create", args=[decision.pk])).content.decode()

    assert award_type("GK_TT").name in form
    for code in ("BK_TTCP_TT", "CO_TD_CP", "CSTD_TQ", "BK_TINH_TT"):
        assert award_type(code).name not in form


def test_issuing_an_award_beyond_the_authority_is_refused(client, org_tree, signer):  # noqa: F811
    decision = draft_decision(org_tree["root"], lines=1)
    DecisionRecipient.objects.filter(decision=decision).update(award_type=award_type("BK_TINH_TT"))
    client.force_login(signer)

    response = client.post(
        reverse("awards:decision-issue", args=[decision.pk]), {"decision_date": timezone.localdate().isoformat()}
    )

    assert "may not decide Bằng khen cấp bộ, ban, ngành, tỉnh (tập thể)" in response.content.decode()
    assert "propose it to the level above instead" in response.content.decode()
    assert AwardDecision.objects.get(pk=decision.pk).status == "draft"


def test_a_draft_from_the_campaign_leaves_out_what_must_be_proposed_upward(client, org_tree, officer):
    campaign, nominations = campaign_with_nominations(org_tree, officer, award=award_type("GK_TT"), count=1)
    upward_plan = AwardPlanFactory(campaign=campaign, award_type=award_type("BK_TINH_TT"), quota=None)
    upward = NominationFactory(plan=upward_plan, organization=nominations[0].organization)
    Nomination.objects.filter(pk__in=[nominations[0].pk, upward.pk]).update(status=NominationStatus.APPROVED)
    client.force_login(officer)

    client.post(reverse("awards:decision-create"), {"organization": org_tree["root"].pk, "campaign": campaign.pk})

    lines = DecisionRecipient.objects.filter(decision__campaign=campaign)
    assert list(lines.values_list("award_type__code", flat=True)) == ["GK_TT"]
