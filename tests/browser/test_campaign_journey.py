"""Journey 1 in real Chromium: an officer creates a 2-phase campaign, builds a 5-criterion scoring table in the htmx
editor, sets the tiers and launches it from the confirmation page. Everything after the accounts is done in the
browser, in Vietnamese."""

import re
from decimal import Decimal

import pytest

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, Tier

# Without Playwright these journeys skip (and CI, which fails on any skip, goes red).
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "12-KH/BTGTU"
NAME = "Thi đua “Dân vận khéo” năm 2026 của Ban Tuyên giáo"
PHASES = (
    ("Đợt 1 (6 tháng đầu năm)", "2026-01-15", "2026-06-30"),
    ("Đợt 2 (6 tháng cuối năm)", "2026-07-01", "2026-12-15"),
)
CRITERIA = (  # code, text, maximum points: 100 in all
    ("1", "Quán triệt, triển khai nghị quyết, chỉ thị của cấp trên", "30"),
    ("2", "Tuyên truyền trên báo chí và mạng xã hội", "20"),
    ("3", "Nắm bắt dư luận xã hội, báo cáo kịp thời", "20"),
    ("4", "Cải cách hành chính, ứng dụng công nghệ thông tin", "20"),
    ("5", "Chấp hành chế độ thông tin, báo cáo", "10"),
)


def _create_campaign(j, page, root) -> Campaign:
    page.goto("/campaigns/")
    page.get_by_role("link", name="Phát động phong trào mới").click()
    page.select_option("#id_launching_organization", str(root.pk))
    page.fill("#id_plan_number", PLAN)
    page.fill("#id_plan_date", "2026-01-05")
    page.fill("#id_signer_name", "Lâm Văn Mẫn")
    page.fill("#id_signer_title", "Trưởng Ban")
    page.fill("#id_name", NAME)
    page.fill("#id_theme", "Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ")
    page.fill("#id_start_date", "2026-01-15")
    page.fill("#id_end_date", "2026-12-15")
    j.step(page, "campaign-form")
    page.locator("main form").get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo dự thảo phong trào.")
    expect(page.locator("h1")).to_have_text(NAME)
    j.step(page, "draft-created")
    return Campaign.objects.get(plan_number=PLAN)


def _add_phases(j, page) -> None:
    for name, start, end in PHASES:
        page.get_by_role("link", name="Thêm đợt thi đua").click()
        page.fill("#id_name", name)
        page.fill("#id_start_date", start)
        page.fill("#id_end_date", end)
        page.locator("main form").get_by_role("button", name="Lưu").click()
        expect(page.locator(".alert-success")).to_contain_text("Đã lưu đợt thi đua.")
        expect(page.locator("main")).to_contain_text(name)
    j.step(page, "two-phases")


def _build_table(j, page) -> None:
    page.get_by_role("link", name="Bảng chấm điểm và xếp loại").click()
    page.fill("#id_declared_total", "100")
    page.locator("main form").get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo bảng chấm điểm.")
    page.fill("#id_gnew_code", "I")
    page.fill("#id_gnew_title", "Nội dung thi đua")
    page.click("#submit-gnew")
    group = page.locator("#table-editor section.card[id^=group-]", has_text="Nội dung thi đua")
    expect(group).to_be_visible()
    running_total = page.locator("#running-total")
    expected = Decimal(0)
    for code, text, points in CRITERIA:
        group.get_by_role("link", name="Thêm tiêu chí").click()  # htmx: the inline form opens in the group
        form = group.locator("form.td-criterion-form")
        form.locator("input[name=code]").fill(code)
        form.locator("textarea[name=text]").fill(text)
        form.locator("input[name=max_points]").fill(points)
        form.get_by_role("button", name="Lưu").click()  # htmx: the editor is swapped with the new running total
        expected += Decimal(points)
        expect(running_total).to_contain_text(f"Điểm chuẩn: {expected:g} / 100")
        expect(group.locator("li.list-group-item", has_text=text)).to_be_visible()
    expect(running_total).to_have_class(re.compile(r"\btext-success\b"))
    j.step(page, "table-editor-five-criteria")


def _set_tiers(j, page) -> None:
    page.get_by_role("link", name="Bảng chấm điểm").last.click()  # breadcrumb back to the tables overview
    page.get_by_role("link", name="Sửa mức xếp loại").click()
    editor = page.locator("#tier-editor")
    expect(editor).to_contain_text("Chưa có mức xếp loại")  # tiers are optional: the empty state says so
    for row in (0, 1):
        editor.get_by_role("button", name="Thêm mức xếp loại").click()
        expect(page.locator(f"#id_tiers-{row}-name")).to_be_visible()
    page.fill("#id_tiers-0-name", "Xuất sắc")
    page.fill("#id_tiers-0-lower_bound", "90")
    page.fill("#id_tiers-1-name", "Hoàn thành nhiệm vụ")
    page.fill("#id_tiers-1-lower_bound", "0")
    page.locator("#tier-editor").get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu các mức xếp loại.")
    # A third tier in between, inserted under the first without retyping the others.
    page.locator("#tier-editor tbody tr").first.get_by_role("button", name="Chèn dòng dưới").click()
    expect(page.locator("#id_tiers-2-name")).to_have_value("Hoàn thành nhiệm vụ")
    page.fill("#id_tiers-1-name", "Khá")
    page.fill("#id_tiers-1-lower_bound", "70")
    page.locator("#tier-editor").get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu các mức xếp loại.")
    j.step(page, "tiers")
    page.get_by_role("link", name="Bảng chấm điểm").last.click()
    expect(page.locator("#launch-problems")).to_contain_text("Bảng chấm điểm và xếp loại đã sẵn sàng để phát động.")
    j.step(page, "ready-for-launch")


def _launch(j, page) -> None:
    page.get_by_role("link", name=PLAN).click()
    page.locator("main").get_by_role("link", name="Phát động", exact=True).click()
    expect(page.locator("main")).to_contain_text("Vui lòng xác nhận bước này")
    page.fill("#id_note", "Phát động theo Kế hoạch 12-KH/BTGTU")
    j.step(page, "launch-confirmation")
    page.get_by_role("button", name="Xác nhận: Phát động").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thực hiện: Phát động.")
    expect(page.locator("main .badge").first).to_have_text("Đã phát động")
    j.step(page, "launched")


def test_officer_creates_and_launches_a_two_phase_campaign(journey_for, org_tree, officer):
    j = journey_for("1-campaign")
    page = j.page_for(officer)
    campaign = _create_campaign(j, page, org_tree["root"])
    _add_phases(j, page)
    _build_table(j, page)
    _set_tiers(j, page)
    _launch(j, page)

    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED
    assert list(campaign.phases.values_list("name", flat=True)) == [name for name, _start, _end in PHASES]
    table = campaign.scoring_tables.get()
    assert [(c.code, c.max_points) for c in table.criteria.order_by("position")] == [
        (code, Decimal(points)) for code, _text, points in CRITERIA
    ]
    assert list(Tier.objects.filter(table__campaign=campaign).values_list("name", "lower_bound")) == [
        ("Xuất sắc", Decimal(90)), ("Khá", Decimal(70)), ("Hoàn thành nhiệm vụ", Decimal(0))
    ]  # fmt: skip
