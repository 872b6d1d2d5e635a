"""Decisions as the rules write them: the draft PDF for the signer, Articles 2 and 3, the place, numbers in each
style, the legal basis from the catalogue texts in force on the decision's date, the council's result and dates
cross-checked, follow-ups citing the decision they change."""

# ruff: noqa: F811 - the fixtures imported from decision_factories are used as parameters

from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from awards.councils.services import ballots as ballot
from awards.decisions.services import drafts
from awards.decisions.services.certificates import decision_document_data, decision_draft_pdf
from awards.enums import DecisionKind, NominationStatus
from awards.models import AwardDecision, AwardType, Nomination
from organizations.enums import DocumentStyle
from organizations.models import Organization
from tests.awards.council_factories import campaign_with_nominations, council_with_members, session_voting
from tests.awards.decision_factories import draft_decision, issue, media, signer  # noqa: F401
from tests.awards.factories import award_type

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what issuing enqueues after commit (the decision's PDF and certificates), in-process."""
    return django_capture_on_commit_callbacks


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


def _in_order(text: str, parts) -> None:
    position = 0
    for part in parts:
        found = text.find(" ".join(part.split()), position)
        assert found >= 0, f"{part!r} not found after {text[position : position + 200]!r}"
        position = found + len(part)


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- the draft for the signer ------------------------------------------------------------------------------------


def test_signer_and_officer_read_the_draft_marked_du_thao(client, org_tree, officer, signer, other_officer):
    decision = draft_decision(org_tree["root"], lines=2)
    url = reverse("awards:decision-pdf", args=[decision.pk])

    client.force_login(signer)
    for_signer = client.get(url)
    client.force_login(officer)
    for_officer = client.get(url)
    page = client.get(reverse("awards:decision-detail", args=[decision.pk])).content.decode()
    client.force_login(other_officer)
    outsider = client.get(url)

    assert for_signer.status_code == 200 and for_signer["Content-Type"] == "application/pdf"
    text = _text(for_signer.content)
    assert text.startswith("DỰ THẢO")
    _in_order(text, ["Số: /QĐ-ROOT", "QUYẾT ĐỊNH", decision.title, "Điều 1.", "Điều 2.", "Điều 3.", "Nơi nhận:"])
    assert for_officer.status_code == 200 and 'id="draft-pdf"' in page
    assert outsider.status_code == 404


def test_the_draft_and_the_issued_decision_come_from_the_same_template(org_tree, signer, media, on_commit):
    decision = draft_decision(org_tree["root"], lines=2, decision_date=date(2026, 3, 5))
    draft_text = _text(decision_draft_pdf(decision=decision))

    with on_commit(execute=True):
        issued = issue(decision, signer)
    issued_text = _text(AwardDecision.objects.get(pk=issued.pk).document.file.read())

    assert "DỰ THẢO" not in issued_text and "Số: 01/QĐ-ROOT" in issued_text
    assert draft_text.replace("DỰ THẢO", "").replace("Số: /QĐ-ROOT", "Số: 01/QĐ-ROOT").split() == issued_text.split()


# --- what a decision needs before it is issued ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"place": ""}, "Hãy nhập địa danh của quyết định"),
        ({"article_2": ""}, "Hãy soạn Điều 2 và Điều 3"),
        ({"article_3": "  "}, "Hãy soạn Điều 2 và Điều 3"),
        ({"recipients_of_copies": "Như Điều 5;\nLưu: VT."}, "“Nơi nhận” dẫn chiếu một điều mà quyết định không có"),
    ],
)
def test_a_decision_is_not_issued_without_its_place_or_articles(org_tree, signer, fields, message):
    decision = draft_decision(org_tree["root"], lines=1, **fields)

    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        issue(decision, signer)

    assert message in _messages(caught.value)
    assert AwardDecision.objects.get(pk=decision.pk).status == "draft"


def test_a_decision_is_not_dated_before_its_council_closed(org_tree, officer, signer, media):
    # Arrange: a council session that closed on 20/03/2026 approved the nominations the decision lists.
    council, members = council_with_members(org_tree["root"], 3)
    campaign, nominations = campaign_with_nominations(org_tree, officer, award=award_type("GK_TT"), count=1)
    session = session_voting(council, members, nominations)
    for member in members:
        ballot.ballot_cast(session=session, member=member, choices={session.agenda.get().pk: "approve"})
    ballot.voting_close(session=session, actor=members[1].user, now=datetime(2026, 3, 20, 16, 0, tzinfo=TZ))
    decision = drafts.decision_create(
        organization=org_tree["root"], campaign=campaign, actor=officer, decision_date=date(2026, 3, 20)
    )
    AwardDecision.objects.filter(pk=decision.pk).update(place="Sóc Trăng")

    # Act / Assert
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        issue(decision, signer, day=date(2026, 3, 19))
    assert "Quyết định không thể ghi ngày 19/03/2026" in _messages(caught.value)
    assert "kết thúc ngày 20/03/2026" in _messages(caught.value)
    issued = issue(decision, signer, day=date(2026, 3, 20))
    assert issued.is_issued and Nomination.objects.get().status == NominationStatus.DECIDED


def test_the_legal_basis_cites_the_council_result_the_plan_and_the_proposal(org_tree, officer, media):
    council, members = council_with_members(org_tree["root"], 3, name="Hội đồng Thi đua - Khen thưởng Ban")
    campaign, nominations = campaign_with_nominations(org_tree, officer, award=award_type("GK_TT"), count=1)
    session = session_voting(council, members, nominations)
    for member in members:
        ballot.ballot_cast(session=session, member=member, choices={session.agenda.get().pk: "approve"})
    ballot.voting_close(session=session, actor=members[1].user)
    met_on = session.__class__.objects.get(pk=session.pk).meeting_date

    decision = drafts.decision_create(organization=org_tree["root"], campaign=campaign, actor=officer)

    lines = decision.legal_basis.splitlines()
    assert lines[0].startswith("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15")
    assert any(line.startswith("Căn cứ Kế hoạch số 05-KH/BTGTU") for line in lines)
    assert lines[-1] == f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Ban ngày {met_on:%d/%m/%Y};"
    assert decision.proposal == "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Ban,"


def _two_versions(code="GK_TT"):
    """The award's two seeded versions (texts A until 30/6/2025, texts B from 1/7/2025), their texts marked."""
    old = AwardType.objects.get(code=code, valid_from=date(2024, 1, 1), valid_to=date(2025, 6, 30))
    old.legal_basis = "Nghị định số 98/2023/NĐ-CP (văn bản A)"
    old.save()
    new = AwardType.objects.get(code=code, valid_from=date(2025, 7, 1), valid_to=None)
    new.legal_basis = "Nghị định số 152/2025/NĐ-CP (văn bản B); Thông tư số 15/2025/TT-BNV"
    new.save()
    return old, new


def test_the_legal_basis_follows_the_texts_in_force_on_the_decision_date(org_tree, signer, officer):
    old, _new = _two_versions()
    decision = draft_decision(org_tree["root"], lines=1, decision_date=date(2025, 5, 10))
    decision.recipients.update(award_type=old)

    before = drafts.generated_basis(decision, date(2025, 5, 10))
    after = drafts.generated_basis(decision, date(2025, 7, 10))

    assert "Căn cứ Nghị định số 98/2023/NĐ-CP (văn bản A);" in before and "văn bản B" not in before
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP (văn bản B);" in after and "Căn cứ Thông tư số 15/2025/TT-BNV;" in after
    assert "văn bản A" not in after


def test_issuing_under_other_texts_than_the_planned_date_asks_for_the_basis_again(org_tree, signer, officer, media):
    old, _new = _two_versions()
    decision = draft_decision(org_tree["root"], lines=1, decision_date=date(2025, 6, 20))
    decision.recipients.update(award_type=old)
    drafts.decision_update(decision=decision, data={}, regenerate_basis=True)

    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        issue(decision, signer, day=date(2025, 7, 2))
    assert "Các văn bản có hiệu lực ngày 02/07/2025 khác" in _messages(caught.value)

    drafts.decision_update(decision=decision, data={"decision_date": date(2025, 7, 2)}, regenerate_basis=True)
    issued = issue(decision, signer, day=date(2025, 7, 2))
    assert "văn bản B" in issued.legal_basis and "văn bản A" not in issued.legal_basis


# --- numbers and layout in each style ---------------------------------------------------------------------------


def test_a_party_body_issues_party_numbers_and_documents(org_tree, signer, media, on_commit):
    Organization.objects.filter(pk=org_tree["root"].pk).update(document_style=DocumentStyle.PARTY)
    decision = draft_decision(
        org_tree["root"], lines=1, signer_prefix="kt", signer_on_behalf_of="TRƯỞNG BAN", signer_title="PHÓ TRƯỞNG BAN"
    )

    with on_commit(execute=True):
        issued = issue(decision, signer, symbol="QĐ-BTGTU")

    assert (issued.number_text, issued.document_style) == ("01-QĐ/BTGTU", "party")
    issued = AwardDecision.objects.get(pk=issued.pk)
    text = _text(issued.document.file.read())
    _in_order(
        text,
        [
            "THÀNH ỦY SÓC TRĂNG BAN TUYÊN GIÁO * Số 01-QĐ/BTGTU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Sóc Trăng, ngày 05 tháng 3 năm 2026",
            "K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN",
        ],
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    certificate = _text(issued.recipients.first().certificate.file.read())
    assert certificate.startswith("ĐẢNG CỘNG SẢN VIỆT NAM") and "K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN" in certificate


def test_a_state_body_issues_state_numbers_and_documents(org_tree, signer, media, on_commit):
    decision = draft_decision(
        org_tree["root"], lines=1, signer_prefix="kt", signer_on_behalf_of="GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC"
    )

    with on_commit(execute=True):
        issued = issue(decision, signer)

    assert (issued.number_text, issued.document_style) == ("01/QĐ-ROOT", "state")
    issued = AwardDecision.objects.get(pk=issued.pk)
    text = _text(issued.document.file.read())
    _in_order(
        text,
        [
            "Số: 01/QĐ-ROOT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
            "Sóc Trăng, ngày 05 tháng 3 năm 2026",
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
        ],
    )
    certificate = _text(issued.recipients.first().certificate.file.read())
    assert certificate.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and "Sóc Trăng, ngày 05 tháng 3" in certificate


def test_changing_the_style_later_leaves_an_issued_decision_as_issued(org_tree, signer, media):
    issued = issue(draft_decision(org_tree["root"], lines=1), signer)
    Organization.objects.filter(pk=org_tree["root"].pk).update(document_style=DocumentStyle.PARTY)

    data = decision_document_data(AwardDecision.objects.select_related("issuing_organization").get(pk=issued.pk))

    assert (data.style, data.number) == ("state", "01/QĐ-ROOT")


def test_the_signer_prefix_is_chosen_on_the_decision(client, org_tree, officer):
    decision = draft_decision(org_tree["root"], lines=1)
    client.force_login(officer)
    data = {
        "decision_date": "2026-03-05",
        "place": "Sóc Trăng",
        "authority_name": "BAN TUYÊN GIÁO",
        "title": decision.title,
        "legal_basis": decision.legal_basis,
        "article_2": decision.article_2,
        "article_3": decision.article_3,
        "recipients_of_copies": "Như Điều 3;\nLưu: VT.",
        "signer_prefix": "tm",
        "signer_on_behalf_of": "Ban Thường vụ",
        "signer_title": "Bí thư",
        "signer_name": "Lâm Văn Mẫn",
    }

    response = client.post(reverse("awards:decision-update", args=[decision.pk]), data)
    invalid = client.post(reverse("awards:decision-update", args=[decision.pk]), data | {"signer_prefix": "xx"})

    assert response.status_code == 302
    assert "TM. BAN THƯỜNG VỤ BÍ THƯ Lâm Văn Mẫn" in _text(
        client.get(reverse("awards:decision-pdf", args=[decision.pk])).content
    )
    assert invalid.status_code == 200 and invalid.context["form"].errors["signer_prefix"]


# --- corrections and revocations ---------------------------------------------------------------------------------


def test_a_revocation_cites_the_decision_and_recovers_certificate_and_prize_money(org_tree, officer, signer, media):
    original = issue(draft_decision(org_tree["root"], lines=1), signer)

    revocation = drafts.decision_followup_create(
        decision=original, kind=DecisionKind.REVOCATION, reason="Hồ sơ không trung thực", actor=officer
    )

    reference = "Quyết định số 01/QĐ-ROOT ngày 05/03/2026 của Ban Tuyên giáo Thành ủy"
    assert f"Căn cứ {reference} về việc khen thưởng" in revocation.legal_basis
    assert "Kế hoạch" not in revocation.legal_basis
    assert "nộp lại hiện vật khen thưởng (Giấy khen)" in revocation.article_2
    assert "hoàn trả số tiền thưởng đã nhận" in revocation.article_2 and reference in revocation.article_2
    text = _text(decision_draft_pdf(decision=AwardDecision.objects.get(pk=revocation.pk)))
    _in_order(
        text,
        [
            "Về việc thu hồi Quyết định số 01/QĐ-ROOT ngày 05/03/2026",
            f"Điều 1. Thu hồi khen thưởng tại {reference}",
            "Lý do: Hồ sơ không trung thực",
            "Điều 2. Các tập thể, cá nhân có tên tại Điều 1 có trách nhiệm nộp lại",
        ],
    )


def test_a_correction_cites_the_decision_it_corrects(org_tree, officer, signer, media):
    original = issue(draft_decision(org_tree["root"], lines=1), signer)

    correction = drafts.decision_followup_create(
        decision=original, kind=DecisionKind.CORRECTION, reason="Sai chính tả tên", actor=officer
    )

    assert correction.article_2.startswith("Các nội dung khác của Quyết định số 01/QĐ-ROOT ngày 05/03/2026")
    text = _text(decision_draft_pdf(decision=AwardDecision.objects.get(pk=correction.pk)))
    assert "Điều 1. Đính chính Quyết định số 01/QĐ-ROOT ngày 05/03/2026" in text


def test_a_new_draft_prefills_articles_copies_style_and_date(org_tree, officer):
    Organization.objects.filter(pk=org_tree["root"].pk).update(document_style=DocumentStyle.PARTY)
    root = Organization.objects.get(pk=org_tree["root"].pk)

    decision = drafts.decision_create(organization=root, actor=officer, decision_date=date(2026, 5, 4))

    assert decision.article_2.startswith("Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng")
    assert decision.article_3 == (
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ban Tuyên giáo Thành ủy, Thủ trưởng các cơ quan, "
        "đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    )
    assert decision.recipients_of_copies.startswith("Như Điều 3;")
    assert (decision.decision_date, decision.document_style) == (date(2026, 5, 4), "party")
    assert decision.proposal.startswith("Xét đề nghị của")


def test_the_migration_gives_drafts_their_articles_and_leaves_issued_decisions(org_tree, signer, media):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("awards.migrations.0005_documents_as_the_rules_write_them")
    draft = draft_decision(org_tree["root"], lines=1, article_2="", article_3="", body="Hai.\n\nBa.\n\nBốn.")
    issued = issue(draft_decision(org_tree["root"], lines=1, body="Giữ nguyên."), signer)

    migration.drafts_take_articles(apps, None)

    draft.refresh_from_db()
    assert (draft.article_2, draft.article_3, draft.body) == ("Hai.", "Ba.", "Bốn.")
    assert AwardDecision.objects.get(pk=issued.pk).body == "Giữ nguyên."
