"""Drafting pages: create from a campaign's approved nominations (prefilled), edit, lines, delete, list."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards.enums import NominationStatus
from awards.models import AwardDecision, DecisionRecipient
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401
from tests.awards.factories import AwardPlanFactory, NominationFactory, award_type
from tests.scoring.factories import launched_campaign

pytestmark = pytest.mark.django_db


def test_create_from_campaign_prefills_everything(client, org_tree, officer):
    campaign = launched_campaign(
        organization=org_tree["root"], officer=officer, participants=[org_tree["ward_a"], org_tree["ward_b"]]
    )
    plan = AwardPlanFactory(campaign=campaign, quota=2)
    NominationFactory(plan=plan, organization=org_tree["ward_a"], status=NominationStatus.APPROVED, achievement="X")
    NominationFactory(plan=plan, organization=org_tree["ward_b"], status=NominationStatus.PROPOSED)
    client.force_login(officer)
    form = client.get(reverse("awards:decision-create"), {"campaign": campaign.pk}).content.decode()
    assert f'value="{campaign.pk}" selected' in form
    response = client.post(
        reverse("awards:decision-create"), {"organization": org_tree["root"].pk, "campaign": campaign.pk}
    )
    decision = AwardDecision.objects.get()
    assert response["Location"] == reverse("awards:decision-detail", args=[decision.pk])
    assert decision.authority_name == "BAN TUYÊN GIÁO THÀNH ỦY" and decision.signer_name == "Lâm Văn Mẫn"
    assert decision.title.startswith("Về việc khen thưởng")
    assert "Căn cứ Kế hoạch số 05-KH/BTGTU ngày 15/01/2023" in decision.legal_basis
    assert "Căn cứ Luật Thi đua, khen thưởng" in decision.legal_basis.splitlines()[0]
    # Dated today: the texts in force now (152/2025 replaced 98/2023 on 01/7/2025; it does not amend it).
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in decision.legal_basis
    assert "98/2023" not in decision.legal_basis and "sửa đổi, bổ sung" not in decision.legal_basis
    line = decision.recipients.get()
    # A collective is its own unit: the body above it (Phòng A) is not printed as its unit.
    assert (line.recipient_name, line.recipient_detail, line.achievement) == ("Phường 1", "", "X")
    assert decision.article_2.startswith("Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng")
    assert decision.article_3.endswith("chịu trách nhiệm thi hành Quyết định này.")
    assert "Chánh Văn phòng Ban Tuyên giáo Thành ủy" in decision.article_3
    assert decision.recipients_of_copies.startswith("Như Điều 3;")
    assert decision.proposal.startswith("Xét đề nghị của") and decision.document_style == "state"


def test_create_is_403_without_an_officer_role(client, scorer_a):
    client.force_login(scorer_a)
    assert client.get(reverse("awards:decision-create")).status_code == 403


def test_edit_keeps_input_on_errors_and_saves(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=1)
    client.force_login(officer)
    url = reverse("awards:decision-update", args=[decision.pk])
    data = {
        "place": "Sóc Trăng",
        "authority_name": "",
        "title": "Về việc khen thưởng mới",
        "legal_basis": "Căn cứ;",
        "article_2": "Điều hai.",
        "article_3": "Điều ba.",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Về việc khen thưởng mới" in response.content.decode()
    data |= {"authority_name": "BAN TUYÊN GIÁO", "signer_name": "Lâm Văn Mẫn", "signer_title": "TRƯỞNG BAN"}
    assert client.post(url, data).status_code == 302
    assert AwardDecision.objects.get(pk=decision.pk).title == "Về việc khen thưởng mới"


def test_issued_decision_cannot_be_edited_or_deleted(client, org_tree, officer, signer, media):
    decision = issue(draft_decision(org_tree["root"], lines=1), signer)
    client.force_login(officer)
    assert client.get(reverse("awards:decision-update", args=[decision.pk])).status_code == 403
    assert client.post(reverse("awards:decision-delete", args=[decision.pk])).status_code == 403
    assert AwardDecision.objects.filter(pk=decision.pk).exists()


def test_delete_a_draft_after_confirmation(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=2)
    client.force_login(officer)
    url = reverse("awards:decision-delete", args=[decision.pk])
    assert "cannot be undone" in client.get(url).content.decode()
    assert client.post(url)["Location"] == reverse("awards:decision-list")
    assert not AwardDecision.objects.exists() and not DecisionRecipient.objects.exists()


def test_add_a_recipient_line_checks_the_award_kind(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=0)
    client.force_login(officer)
    url = reverse("awards:recipient-create", args=[decision.pk])
    data = {
        "organization": org_tree["ward_a"].pk,
        "award_type": award_type("GK_CN").pk,
        "recipient_name": "Phường 1",
        "position": 1,
    }
    response = client.post(url, data)
    assert "not given to this kind of recipient" in response.content.decode()
    assert client.post(url, data | {"award_type": award_type("GK_TT").pk}).status_code == 302
    assert decision.recipients.get().recipient_name == "Phường 1"


def test_remove_a_line_after_confirmation(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=2)
    line = decision.recipients.first()
    client.force_login(officer)
    url = reverse("awards:recipient-delete", args=[decision.pk, line.pk])
    assert line.recipient_name in client.get(url).content.decode()
    client.post(url)
    assert decision.recipients.count() == 1


def test_list_search_and_outsiders(client, org_tree, officer, other_officer):
    draft_decision(org_tree["root"], lines=1, title="Về việc khen thưởng phường")
    draft_decision(org_tree["root"], lines=1, title="Về việc khen thưởng cán bộ")
    client.force_login(officer)
    body = client.get(reverse("awards:decision-list"), {"q": "phường 1"}).content.decode()
    assert "khen thưởng phường" in body and "khen thưởng cán bộ" in body  # both have a line "… Phường 1"
    body = client.get(reverse("awards:decision-list"), {"q": "cán bộ"}).content.decode()
    assert "khen thưởng cán bộ" in body and "khen thưởng phường" not in body
    client.force_login(other_officer)
    assert "There are no award decisions for you yet." in client.get(reverse("awards:decision-list")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_constant_number_of_queries(client, org_tree, officer, count, django_assert_max_num_queries):
    for _ in range(count):
        draft_decision(org_tree["root"], lines=2)
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("awards:decision-list"))
    assert response.content.decode().count("decisions/") >= count


def test_detail_of_an_outsider_is_404(client, org_tree, other_officer):
    decision = draft_decision(org_tree["root"], lines=1)
    client.force_login(other_officer)
    assert client.get(reverse("awards:decision-detail", args=[decision.pk])).status_code == 404


def test_bench_certificates_command(capsys, media):
    call_command("bench_certificates", "--count", "3")
    import json

    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["count"] == 3 and result["mode"] == "eager"
    assert result["app_per_s"] > 0 and result["bare_per_s"] > 0 and result["ratio"] > 0
    assert not AwardDecision.objects.exists()  # cleaned up, files too
    assert not list((media / "awards" / "certificates").rglob("*.pdf"))


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    # The assertions read English text; the site's default language is Vietnamese.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
