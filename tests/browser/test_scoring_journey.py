"""Journey 2 in real Chromium: a unit's scorer self-scores with an evidence PDF and submits; a reviewer adjusts one
score with a reason and approves; the officer asks for the ranking and the page polls (htmx) until it is ready.

Arranged with factories: the launched campaign (5 criteria, 3 tiers), the accounts, and a second unit's verified
scores so the ranking has two rows. Every step named above happens in the browser, in Vietnamese.
"""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfWriter

from campaigns.models import Criterion, Participant
from organizations.enums import Role
from scoring.enums import RankingStatus, SubmissionStatus
from scoring.models import Evidence, RankingRun, Submission
from scoring.ranking.tasks import ranking_compute_task
from tests.factories import MembershipFactory, UserFactory
from tests.scoring.answers import verified_with_total
from tests.scoring.factories import launched_campaign

# Without Playwright these journeys skip (and CI, which fails on any skip, goes red).
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POINTS = (30, 20, 20, 20, 10)
SELF = {"1": "30", "2": "18", "3": "20", "4": "15", "5": "10"}  # 93 points
ADJUSTED = ("2", "15", "Chỉ có 3/5 tin bài được đăng trên báo Trung ương, không phải 5 như báo cáo.")  # → 90


def _pdf_bytes() -> bytes:
    """A small, real one-page PDF (what a unit scans and attaches)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Báo cáo kết quả quán triệt nghị quyết"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _verified(campaign, organization, total: int) -> None:
    """A verified submission of ``organization`` totalling ``total`` (the difference taken from criterion 1)."""
    participant = Participant.objects.get(campaign=campaign, organization=organization)
    verified_with_total(participant, campaign.phases.get(), total, carrier="1")


@pytest.fixture
def campaign(org_tree, officer):
    today = timezone.localdate()
    campaign = launched_campaign(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"], org_tree["ward_b"]],
        points=POINTS,
        start=today - timedelta(days=30),
        end=today + timedelta(days=30),
        plan_number="20-KH/BTGTU",
    )
    Criterion.objects.filter(table__campaign=campaign, code="1").update(evidence_required=True)
    _verified(campaign, org_tree["ward_b"], 75)
    return campaign


def _self_score(j, page, campaign) -> Submission:
    page.goto("/scoring/mine/")
    expect(page.locator("main")).to_contain_text(campaign.name)
    page.get_by_role("button", name="Bắt đầu chấm").click()
    expect(page.locator("h1")).to_contain_text("Phường 1")
    submission = Submission.objects.get(participant__organization__code="WA")
    scores = {s.criterion.code: s for s in submission.scores.select_related("criterion")}
    # The evidence first: attaching reloads the page.
    row = page.locator(f"#score-{scores['1'].pk}")
    expect(row).to_contain_text("Tiêu chí này bắt buộc có minh chứng.")
    row.locator("input[type=file]").set_input_files(
        files=[{"name": "bao-cao-quan-triet.pdf", "mimeType": "application/pdf", "buffer": _pdf_bytes()}]
    )
    row.get_by_role("button", name="Đính kèm").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đính kèm tệp.")
    expect(page.locator(f"#score-{scores['1'].pk}")).to_contain_text("bao-cao-quan-triet.pdf")
    j.step(page, "evidence-attached")
    for code, value in SELF.items():  # each criterion saves itself with htmx when the input changes
        row = page.locator(f"#score-{scores[code].pk}")
        row.locator(f"input[name='s{scores[code].pk}-points']").fill(value)
        row.locator(f"input[name='s{scores[code].pk}-points']").press("Tab")
        feedback = page.locator(f"#score-{scores[code].pk}-feedback")
        expect(feedback).to_contain_text("Đã lưu")
        expect(feedback).to_contain_text(f"Điểm: {value} / {POINTS[int(code) - 1]}")
    expect(page.locator("#running-total")).to_contain_text("Tổng điểm tự chấm: 93 điểm")
    expect(page.locator("#running-total")).to_contain_text("Xuất sắc")
    j.step(page, "self-scored")
    page.get_by_role("button", name="Nộp", exact=True).click()  # asks for confirmation first (a dialog)
    expect(page.locator(".alert-success")).to_contain_text("Đã nộp hồ sơ tự chấm.")
    assert j.dialogs[-1].startswith("Nộp hồ sơ tự chấm?"), j.dialogs
    j.step(page, "submitted")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    return submission


def _review(j, page, submission) -> None:
    code, points, reason = ADJUSTED
    page.goto("/scoring/review/")
    page.get_by_role("link", name="Phường 1").click()
    expect(page.locator("#review-table")).to_contain_text("bao-cao-quan-triet.pdf")
    score = submission.scores.get(criterion__code=code)
    row = page.locator(f"#score-row-{score.pk}")
    row.locator(f"input[name='s{score.pk}-points']").fill(points)  # the reviewer corrects the unit's answer
    row.locator(f"textarea[name='s{score.pk}-note']").fill(reason)
    row.get_by_role("button", name="Lưu").click()  # htmx swaps the row in place, the totals out of band
    row = page.locator(f"#score-row-{score.pk}")
    expect(row).to_contain_text("Đã lưu.")
    expect(row).to_have_class(re.compile(r"\btd-corrected\b"))  # differs from the unit's answer
    expect(page.locator("#counted-total")).to_have_text("90")
    j.step(page, "score-adjusted")
    page.get_by_role("button", name="Duyệt").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã duyệt hồ sơ tự chấm")
    assert j.dialogs[-1].startswith("Duyệt hồ sơ tự chấm này?"), j.dialogs
    j.step(page, "approved")
    score.refresh_from_db()
    assert score.verified_points == Decimal(points) and score.review_note == reason


def _rank(j, page, campaign, monkeypatch) -> None:
    """The computation is held back like a busy worker would, so the page shows its progress and polls."""
    held = []
    monkeypatch.setattr(ranking_compute_task, "delay", lambda **kwargs: held.append(kwargs))
    page.goto(f"/campaigns/{campaign.pk}/")
    page.get_by_role("link", name="Xếp hạng", exact=True).click()
    page.get_by_role("button", name="Tính xếp hạng ngay").click()
    status = page.locator("#ranking-status")
    expect(status).to_contain_text("Trang sẽ tự cập nhật.")
    expect(status).to_have_attribute("hx-trigger", "every 2s")
    j.step(page, "ranking-pending")
    assert len(held) == 1
    ranking_compute_task(**held[0])  # the worker picks it up; the next poll reloads the page with the results
    assert RankingRun.objects.get(pk=held[0]["run_id"]).status == RankingStatus.DONE
    rows = page.locator("main table.table-sm tbody tr")
    expect(rows).to_have_count(2, timeout=10_000)
    expect(rows.nth(0)).to_contain_text("Phường 1")
    expect(rows.nth(0)).to_contain_text("90,00")
    expect(rows.nth(0)).to_contain_text("Xuất sắc")
    expect(rows.nth(1)).to_contain_text("Phường 2")
    expect(rows.nth(1)).to_contain_text("75,00")
    expect(rows.nth(1)).to_contain_text("Khá")
    expect(status).not_to_contain_text("Trang sẽ tự cập nhật.")
    j.step(page, "ranking")


def test_unit_scores_reviewer_approves_officer_ranks(journey_for, campaign, officer, scorer_a, org_tree, monkeypatch):
    reviewer = UserFactory(username="reviewer")
    MembershipFactory(user=reviewer, organization=org_tree["root"], role=Role.REVIEWER)
    j = journey_for("2-scoring")

    submission = _self_score(j, j.page_for(scorer_a), campaign)
    assert Evidence.objects.filter(score__submission=submission).count() == 1
    _review(j, j.page_for(reviewer), submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.VERIFIED
    _rank(j, j.page_for(officer), campaign, monkeypatch)
