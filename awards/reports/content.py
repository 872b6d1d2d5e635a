"""The text of a campaign report, built from its figures: one list of sections that the .docx and the PDF both lay
out, so the two say the same. Fixed phrases are Vietnamese (the report is a Vietnamese administrative document);
numbers are written the Vietnamese way ("90,0"), dates as dd/mm/yyyy.
"""

from datetime import date

KIND_TITLES = {"interim": "BÁO CÁO SƠ KẾT", "final": "BÁO CÁO TỔNG KẾT"}
PARTICIPANT_KINDS = {"collective": "Tập thể", "individual": "Cá nhân"}


def vn_number(text) -> str:
    return str(text).replace(".", ",")


def vn_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _share(part: int, whole: int) -> str:
    return vn_number(f"{part * 100 / whole:.1f}") + "%" if whole else "—"


def summary_line(figures: dict, kind: str) -> str:
    campaign = figures["campaign"]
    scope = f", {figures['phase']['name']}" if figures.get("phase") else ""
    word = "Sơ kết" if kind == "interim" else "Tổng kết"
    return f"{word} phong trào thi đua “{campaign['name']}”{scope}"


def report_sections(figures: dict, kind: str) -> list[dict]:
    """Sections of ``{"title", "blocks"}`` in the order of the report; a block is ``{"text"}`` or a table
    ``{"head", "rows"}``."""
    campaign, p = figures["campaign"], figures["participation"]
    sections = [
        {
            "title": "I. KHÁI QUÁT PHONG TRÀO",
            "paragraphs": [
                f"Thực hiện Kế hoạch số {campaign['plan_number']} ngày {vn_date(campaign['plan_date'])} về phong trào "
                f"thi đua “{campaign['name']}”, thời gian từ {vn_date(campaign['start_date'])} đến "
                f"{vn_date(campaign['end_date'])}"
                + (f", giai đoạn “{figures['phase']['name']}”" if figures.get("phase") else "")
                + ".",
                *([f"Chủ đề: {campaign['theme']}."] if campaign.get("theme") else []),
            ],
            "tables": [],
        },
        {
            "title": "II. KẾT QUẢ THAM GIA",
            "paragraphs": [
                f"Số đối tượng tham gia: {p['participants']}; đã đăng ký thi đua: {p['registered']} "
                f"({_share(p['registered'], p['participants'])}); đã nộp bản tự chấm: {p['submitted']} "
                f"({_share(p['submitted'], p['participants'])}); số bản nộp đúng hạn: {p['on_time']}/"
                f"{p['submissions']}.",
                (
                    f"Chưa nộp bản tự chấm ({p['never_submitted_count']}): {', '.join(p['never_submitted'])}"
                    + ("…" if p["never_submitted_count"] > len(p["never_submitted"]) else "")
                    + "."
                    if p["never_submitted_count"]
                    else "Tất cả đối tượng tham gia đều đã nộp bản tự chấm."
                ),
            ],
            "tables": [
                {
                    "head": ["Giai đoạn", "Hạn nộp", "Đã nộp", "Đúng hạn"],
                    "rows": [[r["name"], vn_date(r["deadline"]), r["submitted"], r["on_time"]] for r in p["phases"]],
                }
            ],
        },
    ]
    tiers = figures["ranking"]["tiers"]
    total = {kind_: sum(r["count"] for r in tiers if r["kind"] == kind_) for kind_ in {r["kind"] for r in tiers}}
    results = {
        "title": "III. KẾT QUẢ XẾP LOẠI",
        "paragraphs": [] if tiers else ["Chưa có kết quả xếp hạng được công bố cho phạm vi báo cáo này."],
        "tables": [],
    }
    if tiers:
        results["tables"].append(
            {
                "head": ["Đối tượng", "Xếp loại", "Số lượng", "Tỷ lệ"],
                "rows": [
                    [
                        PARTICIPANT_KINDS.get(r["kind"], r["kind"]),
                        r["tier"],
                        r["count"],
                        _share(r["count"], total[r["kind"]]),
                    ]
                    for r in tiers
                ],
            }
        )
    blocs = figures["ranking"]["blocs"]
    if blocs:
        names = sorted({tier for b in blocs for tier in b["tiers"]})
        results["tables"].append(
            {
                "head": ["Khối, cụm thi đua", "Số thành viên", *names],
                "rows": [[b["bloc"], b["members"], *(b["tiers"].get(n, 0) for n in names)] for b in blocs],
            }
        )
    previous = figures.get("previous")
    if previous:
        before = {(r["kind"], r["tier"]): r["count"] for r in previous["tiers"]}
        now = {(r["kind"], r["tier"]): r["count"] for r in tiers}
        keys = list(dict.fromkeys([*now, *before]))
        results["paragraphs"].append(
            f"So sánh với phong trào “{previous['name']}” (Kế hoạch số {previous['plan_number']}, năm "
            f"{previous['year']}, {previous['participants']} đối tượng tham gia):"
        )
        results["tables"].append(
            {
                "head": ["Đối tượng", "Xếp loại", "Kỳ này", "Kỳ trước", "Tăng (+), giảm (-)"],
                "rows": [
                    [
                        PARTICIPANT_KINDS.get(k, k),
                        t,
                        now.get((k, t), 0),
                        before.get((k, t), 0),
                        f"{now.get((k, t), 0) - before.get((k, t), 0):+d}",
                    ]
                    for k, t in keys
                ],
            }
        )
    else:
        results["paragraphs"].append("Không có phong trào kỳ trước của đơn vị để so sánh.")
    sections.append(results)
    products = figures["products"]
    sections.append(
        {
            "title": "IV. SẢN PHẨM THI ĐUA",
            "paragraphs": [
                f"Tổng số sản phẩm thi đua đăng ký: {products['total']}; đã hoàn thành: {products['done']} "
                f"({_share(products['done'], products['total'])})."
            ],
            "tables": [
                {
                    "head": ["Sản phẩm", "Đơn vị", "Tình trạng"],
                    "rows": [[i["title"], i["owner"] or "", i["status"]] for i in products["items"]],
                }
            ]
            if products["items"]
            else [],
        }
    )
    criteria = figures["criteria"]
    head = ["Tiêu chí", "Nội dung", "Điểm bình quân", "Điểm chuẩn", "Tỷ lệ đạt"]

    def rows(items):
        return [
            [c["code"], c["text"], vn_number(c["average"]), vn_number(c["standard"]), vn_number(c["share"]) + "%"]
            for c in items
        ]

    if criteria["all"]:
        blocks = [
            {"text": "Các tiêu chí đạt tỷ lệ điểm cao nhất:"},
            {"head": head, "rows": rows(criteria["best"])},
            {"text": "Các tiêu chí còn hạn chế (tỷ lệ điểm thấp nhất):"},
            {"head": head, "rows": rows(criteria["weakest"])},
        ]
    else:
        blocks = [{"text": "Chưa có bản tự chấm đã nộp để đánh giá các tiêu chí."}]
    sections.append({"title": "V. TIÊU CHÍ THỰC HIỆN TỐT NHẤT VÀ CÒN HẠN CHẾ", "blocks": blocks})
    awards = figures["awards"]
    sections.append(
        {
            "title": "VI. KHEN THƯỞNG",
            "paragraphs": [
                f"Số tập thể, cá nhân được đề nghị khen thưởng: {awards['proposed']}; được Hội đồng thống nhất: "
                f"{awards['approved']}; đã có quyết định khen thưởng: {awards['granted']}."
            ],
            "tables": [
                {
                    "head": ["Hình thức khen thưởng", "Đề nghị", "Hội đồng thống nhất", "Đã khen thưởng"],
                    "rows": [[r["award"], r["proposed"], r["approved"], r["granted"]] for r in awards["rows"]],
                }
            ]
            if awards["rows"]
            else [],
        }
    )
    sections.append(
        {
            "title": "VII. ĐIỂN HÌNH TIÊN TIẾN",
            "paragraphs": [
                f"Số điển hình tiên tiến được phát hiện, bồi dưỡng qua phong trào: {len(figures.get('exemplary', []))}."
                if figures.get("exemplary")
                else "Chưa ghi nhận điển hình tiên tiến trong hệ thống cho phong trào này."
            ],
            "tables": [
                {
                    "head": ["Điển hình", "Đơn vị", "Giai đoạn"],
                    "rows": [[m["name"], m["organization"], m["stage"]] for m in figures["exemplary"]],
                }
            ]
            if figures.get("exemplary")
            else [],
        }
    )
    return [_blocks(section) for section in sections]


def _blocks(section: dict) -> dict:
    """A section as ``{"title", "blocks"}``: its paragraphs, then its tables (unless it lists its blocks)."""
    if "blocks" in section:
        return section
    texts = [{"text": text} for text in section["paragraphs"]]
    return {"title": section["title"], "blocks": [*texts, *section["tables"]]}
