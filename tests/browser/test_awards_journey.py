"""Journey 3 in real Chromium: the officer generates the nominations from the ranking, four council members vote in
separate browser contexts, the secretary closes voting, the officer drafts the decision and the signer issues it;
the certificate is generated while the page polls (htmx), downloaded as a PDF, and its QR verify page opened.

Arranged with factories and services: the campaign with a published ranking, the award plan, the council and its
session up to the start of voting (the agenda holds the nominations generated in the browser).
"""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from awards.decisions.services.certificates import verify_url
from awards.decisions.tasks import certificate_render_task
from awards.enums import NominationStatus
from awards.models import AwardDecision, Certificate, CouncilSession, Nomination
from organizations.enums import Role
from tests.awards.council_factories import council_with_members, session_voting
from tests.awards.factories import AwardPlanFactory
from tests.awards.nomination_factories import publish_ranking
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.scoring.factories import launched_campaign

# Without Playwright these journeys skip (and CI, which fails on any skip, goes red).
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WINNER, RUNNER_UP = "Ban Tuyên giáo Phường Khánh Hòa", "Ban Tuyên giáo Phường Mỹ Xuyên"


@pytest.fixture
def arranged(seeded_catalogue, issued_decisions_flushable, org_tree, officer):
    root = org_tree["root"]
    winner = OrganizationFactory(code="KH", name=WINNER, parent=root)
    runner_up = OrganizationFactory(code="MX", name=RUNNER_UP, parent=root)
    campaign = launched_campaign(
        organization=root,
        officer=officer,
        participants=[winner, runner_up],
        start=date(2024, 1, 15),
        end=date(2024, 12, 15),  # the seeded catalogue is valid from 1/1/2024
        plan_number="07-KH/BTGTU",
    )
    publish_ranking(campaign, {winner: 98, runner_up: 94}, officer=officer)
    AwardPlanFactory(campaign=campaign, quota=1)  # Giấy khen (tập thể), one
    council, members = council_with_members(root, 4)
    signer = UserFactory(username="signer")
    MembershipFactory(user=signer, organization=root, role=Role.SIGNER)
    return {"campaign": campaign, "council": council, "members": members, "signer": signer}


def _generate(j, page, campaign) -> Nomination:
    page.goto(f"/campaigns/{campaign.pk}/")
    page.get_by_role("link", name="Kế hoạch khen thưởng").click()
    page.get_by_role("button", name="Lập từ bảng xếp hạng").click()  # confirmed in a dialog
    expect(page.locator(".alert-success")).to_contain_text("được lập từ bảng xếp hạng.")
    assert j.dialogs[-1].startswith("Lập đề nghị khen thưởng hình thức này từ bảng xếp hạng hiện hành?"), j.dialogs
    expect(page.locator("main")).to_contain_text(WINNER)
    expect(page.locator("main")).not_to_contain_text(RUNNER_UP)  # a quota of one
    j.step(page, "nominations-generated")
    return Nomination.objects.get(plan__campaign=campaign, is_eligible=True)


def _vote(j, page, session, number: int) -> None:
    page.goto("/")  # the home page lists the ballot waiting for this member
    page.locator(f"main a[href='/awards/sessions/{session.pk}/ballot/']").first.click()
    expect(page.locator("#ballot-form")).to_contain_text(WINNER)
    page.locator("#ballot-form input[type=radio][value=approve]").check()
    page.get_by_role("button", name="Xem lại lựa chọn").click()
    expect(page.locator("#ballot-review")).to_contain_text(WINNER)
    if number == 0:
        j.step(page, "ballot-confirmation")
    page.get_by_role("button", name="Gửi phiếu bầu").click()
    expect(page.locator("#ballot-done")).to_have_text("Bạn đã bỏ phiếu. Phiếu bầu của bạn đã được ghi nhận.")
    j.step(page, f"ballot-{number + 1}-recorded")


def _close(j, page, session) -> None:
    page.goto(f"/awards/sessions/{session.pk}/")
    expect(page.locator("#ballot-progress")).to_contain_text("4/4 thành viên có mặt đã bỏ phiếu.")
    page.get_by_role("link", name="Kết thúc bỏ phiếu").click()
    page.locator("main form").get_by_role("button", name="Xác nhận: Kết thúc bỏ phiếu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã kết thúc bỏ phiếu và kiểm phiếu.")
    expect(page.locator("#agenda .badge")).to_have_class("badge text-bg-success")
    j.step(page, "voting-closed")


def _draft(j, page, campaign) -> AwardDecision:
    page.goto(f"/campaigns/{campaign.pk}/")
    page.get_by_role("link", name="Soạn quyết định khen thưởng").click()
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo dự thảo quyết định.")
    expect(page.locator("main table")).to_contain_text(WINNER)
    j.step(page, "decision-drafted")
    return AwardDecision.objects.get(campaign=campaign)


def _issue(j, page, decision, monkeypatch) -> Certificate:
    """The certificate is held back like a busy worker would, so the decision page shows its progress and polls."""
    held = []
    monkeypatch.setattr(certificate_render_task, "delay", lambda **kwargs: held.append(kwargs))
    page.goto(f"/awards/decisions/{decision.pk}/")
    page.get_by_role("link", name="Ban hành…").click()
    page.fill("#id_symbol", "QĐ-BTG")
    j.step(page, "issue-confirmation")
    page.get_by_role("button", name="Ban hành quyết định").click()
    decision.refresh_from_db()
    expect(page.locator(".alert-success")).to_contain_text(f"Đã ban hành Quyết định số {decision.number_text}.")
    progress = page.locator("#certificate-progress")
    expect(progress).to_contain_text("Đã tạo giấy chứng nhận: 0 / 1")
    expect(progress).to_contain_text("Phần này của trang tự cập nhật.")
    j.step(page, "certificates-pending")
    assert len(held) == 1
    certificate_render_task(**held[0])  # the worker renders it; the next poll shows it done
    expect(progress).to_contain_text("Đã tạo giấy chứng nhận: 1 / 1", timeout=10_000)
    expect(progress).not_to_have_attribute("hx-trigger", "every 2s")  # the polling stopped
    j.step(page, "certificates-done")
    return Certificate.objects.get(recipient__decision=decision)


def _download(j, page, certificate, tmp_path: Path) -> None:
    page.reload()
    with page.expect_download() as download_info:
        page.locator("main table").get_by_role("link", name="PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{certificate.serial}.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert WINNER in text and certificate.serial in text


def _verify(j, page, certificate, decision) -> None:
    page.goto(verify_url(certificate.verify_code))  # the address in the certificate's QR code
    expect(page.locator("h1")).to_have_text("Xác thực giấy chứng nhận")
    expect(page.locator(".alert-success")).to_have_text("Giấy chứng nhận này là thật và còn hiệu lực.")
    expect(page.locator("main dl")).to_contain_text(WINNER)
    expect(page.locator("main dl")).to_contain_text(decision.number_text)
    j.step(page, "verify-page")


def test_nominate_vote_issue_download_verify(journey_for, arranged, officer, monkeypatch, tmp_path):
    j = journey_for("3-awards")
    campaign, council, members = arranged["campaign"], arranged["council"], arranged["members"]
    officer_page = j.page_for(officer)
    nomination = _generate(j, officer_page, campaign)

    session = session_voting(council, members, [nomination])
    member_pages = [j.page_for(member.user) for member in members]  # one browser context each
    for number, page in enumerate(member_pages):
        _vote(j, page, session, number)
    _close(j, member_pages[1], session)  # members[1] is the secretary
    assert CouncilSession.objects.get(pk=session.pk).status == "closed"
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED

    decision = _draft(j, officer_page, campaign)
    signer_page = j.page_for(arranged["signer"])
    certificate = _issue(j, signer_page, decision, monkeypatch)
    _download(j, signer_page, certificate, tmp_path)
    _verify(j, j.anonymous_page(), certificate, decision)
