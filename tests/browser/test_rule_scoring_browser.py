"""Rule-based self-scoring and review in real Chromium: nothing typed is lost.

The unit answers a criterion's rule lines and sees the rule's signed points, the criterion's points, the group
subtotals and the total change in place (htmx, out of band); it types a value on one row and, before that value is
saved, attaches evidence on another row: the page saves the pending value first (static/js/app.js), then uploads.
A pending value the engine refuses holds the upload back, with the problem shown and what was typed kept. Leaving
the page with an answer typed but not saved asks for confirmation (beforeunload); once saved it does not.
The reviewer then corrects one of the unit's inputs with a reason and the totals follow.
"""

import io
from decimal import Decimal

import pytest
from pypdf import PdfWriter

from organizations.enums import Role
from scoring.enums import SubmissionStatus
from scoring.models import Evidence, Score, Submission
from tests.factories import MembershipFactory, UserFactory
from tests.scoring.answers import launched_with_table, mixed_table_spec

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def campaign(org_tree, officer):
    return launched_with_table(
        organization=org_tree["root"],
        officer=officer,
        participants=[org_tree["ward_a"]],
        spec=mixed_table_spec(),
        plan_number="21-KH/QUYTAC",
    )


def _row(page, score):
    return page.locator(f"#score-{score.pk}")


def _field(page, score, name):
    return page.locator(f"[name='s{score.pk}-{name}']")


def _self_score(j, page, campaign) -> Submission:
    page.goto("/scoring/mine/")
    page.get_by_role("button", name="Bắt đầu chấm").click()
    expect(page.locator("h1")).to_contain_text("Phường 1")
    submission = Submission.objects.get(participant__campaign=campaign)
    scores = {s.criterion.code: s for s in submission.scores.select_related("criterion")}

    # A deduction rule counted per occurrence: the rule's signed points, the criterion, the subtotals, the total.
    _field(page, scores["A2"], "rule_A2.1").fill("2")
    _field(page, scores["A2"], "rule_A2.1").press("Tab")
    feedback = page.locator(f"#score-{scores['A2'].pk}-feedback")
    expect(feedback).to_contain_text("Đã lưu")
    expect(feedback).to_contain_text("A2.1: −1")
    expect(feedback).to_contain_text("Điểm: 6 / 7")
    section = scores["A2"].criterion.group
    expect(page.locator(f"#group-{section.pk}-subtotal")).to_have_text("6")
    expect(page.locator(f"#group-{section.parent_id}-subtotal")).to_have_text("6")
    expect(page.locator("#running-total")).to_contain_text("Tổng điểm tự chấm: 9 điểm")  # 6 + B3's standard 3
    j.step(page, "rule-answered")

    # A value typed on A1 and not yet saved, then a file attached on B1: the value is saved before the upload.
    _field(page, scores["A1"], "value").fill("96")
    _row(page, scores["B1"]).locator("input[type=file]").set_input_files(
        files=[{"name": "ke-hoach-tuyen-truyen.pdf", "mimeType": "application/pdf", "buffer": _pdf_bytes()}]
    )
    _row(page, scores["B1"]).get_by_role("button", name="Đính kèm").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đính kèm tệp.")
    expect(_row(page, scores["B1"])).to_contain_text("ke-hoach-tuyen-truyen.pdf")
    expect(_field(page, scores["A1"], "value")).to_have_value("96")  # the reloaded page shows the saved answer
    a1 = Score.objects.get(pk=scores["A1"].pk)
    assert (a1.self_inputs, a1.self_points) == ({"value": "96"}, Decimal("6.50"))
    j.step(page, "pending-value-saved-before-upload")

    # A pending value the engine refuses: the upload waits, the problem is shown and what was typed stays.
    _field(page, scores["A3"], "value").fill("chín mươi")
    _row(page, scores["B2"]).locator("input[type=file]").set_input_files(
        files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": _pdf_bytes()}]
    )
    _row(page, scores["B2"]).get_by_role("button", name="Đính kèm").click()
    expect(page.locator(f"#score-{scores['A3'].pk}-feedback")).to_contain_text("Tỷ lệ đạt được (%): Nhập một số")
    expect(_field(page, scores["A3"], "value")).to_have_value("chín mươi")
    assert not Evidence.objects.filter(score=scores["B2"]).exists()
    j.step(page, "refused-value-kept-upload-waits")

    # Leaving with an answer typed but not saved asks first; the dialog is accepted, so the page is left.
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.type))
    _field(page, scores["A3"], "value").click()
    _field(page, scores["A3"], "value").fill("90")
    page.goto("/scoring/mine/")
    assert dialogs == ["beforeunload"], dialogs
    page.goto(f"/scoring/{submission.pk}/")
    for code, name, typed in (("A3", "value", "90"), ("B2", "count", "3"), ("B1", "part_B1a", "yes")):
        field = _field(page, scores[code], name)
        if name.startswith("part_"):
            field.select_option(typed)
        else:
            field.fill(typed)
        field.press("Tab")
        expect(page.locator(f"#score-{scores[code].pk}-feedback")).to_contain_text("Đã lưu")
    _field(page, scores["B1"], "part_B1b").select_option("no")
    _field(page, scores["B1"], "part_B1b").press("Tab")
    expect(page.locator("#running-total")).to_contain_text("Đã chấm 6/6 tiêu chí")
    expect(page.locator("#running-total")).to_contain_text("Tổng điểm tự chấm: 34 điểm")
    _field(page, scores["A3"], "value").click()  # a click, no change: nothing left unsaved
    page.goto("/scoring/mine/")  # everything saved: no question this time
    assert dialogs == ["beforeunload"], dialogs
    page.goto(f"/scoring/{submission.pk}/")
    j.step(page, "all-answered")
    page.get_by_role("button", name="Nộp", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nộp hồ sơ tự chấm.")
    j.step(page, "submitted")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    return submission


def _vn(points: Decimal) -> str:
    """Points as the pages show them (floatformat "-2", Vietnamese): 34 or 34,50."""
    return str(int(points)) if points == points.to_integral_value() else f"{points:.2f}".replace(".", ",")


def _review(j, page, submission) -> None:
    a2 = submission.scores.get(criterion__code="A2")
    total = submission.total
    page.goto("/scoring/review/")
    page.get_by_role("link", name="Phường 1").click()
    row = page.locator(f"#score-row-{a2.pk}")
    expect(row).to_contain_text("Mỗi báo cáo gửi trễ hạn: 2")  # the unit's input beside its points
    expect(page.locator("#review-table")).to_contain_text("ke-hoach-tuyen-truyen.pdf")
    expect(page.locator("#counted-total")).to_have_text(_vn(total))
    row.locator(f"input[name='s{a2.pk}-rule_A2.1']").fill("1")
    row.locator(f"textarea[name='s{a2.pk}-note']").fill("Chỉ một báo cáo gửi trễ: báo cáo quý II đúng hạn.")
    row.get_by_role("button", name="Lưu").click()
    row = page.locator(f"#score-row-{a2.pk}")
    expect(row).to_contain_text("Đã lưu.")
    expect(row).to_contain_text("Số liệu đã điều chỉnh")
    submission.refresh_from_db()
    assert submission.total == total + Decimal("0.5")
    expect(page.locator("#counted-total")).to_have_text(_vn(submission.total))
    j.step(page, "input-corrected")
    page.get_by_role("button", name="Duyệt").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã duyệt hồ sơ tự chấm")
    j.step(page, "approved")
    a2.refresh_from_db()
    assert a2.verified_inputs == {"rules": {"A2.1": 1}} and a2.verified_points == Decimal("6.50")


def test_rule_answers_pending_value_before_upload_and_review_of_inputs(journey_for, campaign, scorer_a, org_tree):
    reviewer = UserFactory(username="reviewer")
    MembershipFactory(user=reviewer, organization=org_tree["root"], role=Role.REVIEWER)
    j = journey_for("4-rule-scoring")

    submission = _self_score(j, j.page_for(scorer_a), campaign)
    assert Evidence.objects.filter(score__submission=submission).count() == 1
    _review(j, j.page_for(reviewer), submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.VERIFIED
