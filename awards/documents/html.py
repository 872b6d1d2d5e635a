"""The HTML of each document: data in, an HTML string out (Django templates, auto-escaped).

Kept apart from the WeasyPrint calls so that a benchmark can render the very same HTML through the
app's path and through bare WeasyPrint. Resources are referenced by absolute ``file://`` URLs of the
app's own files, so plain WeasyPrint finds them too, and data: URIs (the QR code).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from awards.documents.calibration import validate_calibration
from awards.documents.data import CertificateData, DecisionData, MinutesData
from awards.documents.dossier import COVER_FORM, AchievementReportData, CoverRequestData
from awards.documents.qr import qr_data_uri
from common import documents
from common.documents import long_date, short_date
from common.pdf import fonts
from common.pdf.styles import administrative_context, font_faces, static_file_url

__all__ = [
    "achievement_report_html",
    "certificate_html",
    "cover_request_html",
    "decision_html",
    "long_date",
    "minutes_html",
    "short_date",
]

MODES = ("full", "overlay")
LONG_ACHIEVEMENT_CHARS = 180  # past this the wording is set smaller so it keeps to three or four lines
# Overlay fields printed centred in their box; the others are left-aligned.
CENTRED_FIELDS = {
    "authority",
    "recipient_name",
    "recipient_unit",
    "achievement",
    "place_date",
    "signer_title",
    "signer_name",
}


def stylesheet_url(name: str) -> str:
    """The ``file://`` URL of ``static/awards/<name>``, found like any static file."""
    return static_file_url(f"awards/{name}")


def _render(template: str, context: dict) -> str:
    with translation.override("vi"):
        return render_to_string(f"awards/documents/{template}", context)


def _certificate_render(template: str, context: dict) -> str:
    faces = font_faces(fonts.FONT_FAMILY)
    return _render(template, {"font_faces": faces, "stylesheet": stylesheet_url("certificate.css"), **context})


def _mm(value: float) -> str:
    # Formatted here, not in the template: Vietnamese localisation would print "12,5" and break the CSS.
    return f"{value:.2f}mm"


def _overlay_fields(data: CertificateData, calibration: dict) -> list[dict]:
    texts = {
        "authority": [data.authority],
        "recipient_name": [data.recipient_name],
        "recipient_unit": [data.recipient_unit],
        "achievement": [data.achievement],
        "decision": [f"Quyết định số {data.decision_number} ngày {short_date(data.decision_date)}"],
        "golden_book": [f"Số sổ vàng: {data.golden_book_number}"],
        "serial": [f"Số: {data.serial}"],
        "place_date": [long_date(data.place, data.sign_date)],
        "signer_title": data.signer_title.splitlines(),
        "signer_name": [data.signer_name],
    }
    fields = []
    for name, box in calibration.items():
        if not box["visible"]:
            continue
        fields.append(
            {
                "name": name,
                "is_qr": name == "qr",
                "lines": texts.get(name, []),
                "style": (
                    f"left: {_mm(box['x_mm'])}; top: {_mm(box['y_mm'])}; width: {_mm(box['width_mm'])}; "
                    f"font-size: {box['font_size_pt']:.2f}pt; "
                    f"text-align: {'center' if name in CENTRED_FIELDS else 'left'};"
                ),
                "qr_style": f"width: {_mm(box['width_mm'])}; height: {_mm(box['width_mm'])};",
            }
        )
    return fields


def certificate_html(data: CertificateData, *, mode: str = "full", calibration: dict | None = None) -> str:
    """The HTML of one certificate: the full design, or only its fields placed for a pre-printed blank."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    context = {
        "data": data,
        "qr": qr_data_uri(data.verify_url),
        "decision_date": short_date(data.decision_date),
        "place_date": long_date(data.place, data.sign_date),
        "signer_title_lines": data.signer_title.splitlines(),
        "is_long_achievement": len(data.achievement) > LONG_ACHIEVEMENT_CHARS,
        "national_lines": documents.certificate_header(data.style),
        "is_party": data.style == documents.PARTY,
    }
    if mode == "overlay":
        context["fields"] = _overlay_fields(data, validate_calibration(calibration))
        return _certificate_render("certificate_overlay.html", context)
    if calibration is not None:
        raise ValueError("calibration applies to the overlay mode only")
    return _certificate_render("certificate.html", context)


def decision_html(data: DecisionData) -> str:
    """The HTML of an award decision in its organisation's layout (State or Party); a draft is marked DỰ THẢO."""
    articles = [{"number": index, "text": text} for index, text in enumerate(data.articles, start=1)]
    header = documents.Header(
        style=data.style,
        superior=data.authority_parent,
        issuer=data.authority,
        number_text=data.number,
        place=data.place,
        day=data.date,
    )
    signature = documents.signature_lines(
        title=data.signer_title, prefix=data.signer_prefix, on_behalf_of=data.signer_on_behalf_of, style=data.style
    )
    return _render(
        "decision.html",
        {
            **administrative_context("awards/document.css"),
            "data": data,
            "header": header,
            "articles": articles,
            "signature_lines": signature,
            "is_draft": data.is_draft,
            "style": data.style,
        },
    )


def _time_text(moment) -> str:
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút" if moment else ""


COMMITTEE_PER_ROW = 3


def _committee_rows(names) -> list[list[dict]]:
    """The counting committee's signatures, three to a row: its head first ("TRƯỞNG BAN"), then its members."""
    seats = [
        {"lines": ["TRƯỞNG BAN" if index == 0 else "THÀNH VIÊN"], "name": name} for index, name in enumerate(names)
    ]
    return [seats[start : start + COMMITTEE_PER_ROW] for start in range(0, len(seats), COMMITTEE_PER_ROW)]


def _written_groups(votes) -> list[dict]:
    """Absent members' written votes, one paragraph per member: each nominee's vote, then each distinct opinion."""
    groups: dict[str, dict] = {}
    for vote in votes:
        group = groups.setdefault(vote.member, {"member": vote.member, "votes": [], "opinions": []})
        group["votes"].append(vote)
        opinion = vote.opinion.strip().rstrip(".").strip()
        if opinion and opinion not in group["opinions"]:
            group["opinions"].append(opinion)
    return list(groups.values())


def minutes_html(data: MinutesData) -> str:
    """The HTML of the vote-counting minutes (biên bản kiểm phiếu) of a council session."""
    header = documents.Header(
        style=data.style,
        superior=data.superior,
        issuer=data.council_name,
        number_text=data.number,
        place=data.place,
        day=data.date,
    )
    same_day = data.started_at and data.ended_at and data.started_at.date() == data.ended_at.date()
    return _render(
        "minutes.html",
        {
            **administrative_context("awards/document.css"),
            "data": data,
            "header": header,
            "style": data.style,
            "absent_count": max(data.members_total - data.present_count, 0),
            "started": _time_text(data.started_at),
            "ended": _time_text(data.ended_at),
            "meeting_day": short_date(data.started_at.date()) if data.started_at else short_date(data.date),
            "ended_day": "" if same_day or not data.ended_at else short_date(data.ended_at.date()),
            "scheduled": _time_text(data.scheduled_at),
            "scheduled_day": short_date(data.scheduled_at.date()) if data.scheduled_at else "",
            "has_written_votes": bool(data.written_votes),
            "written_groups": _written_groups(data.written_votes),
            "recorder_lines": ["THƯ KÝ"],
            "chair_lines": ["CHỦ TRÌ"],
            "committee_rows": _committee_rows(data.committee),
        },
    )


def cover_request_html(data: CoverRequestData) -> str:
    """The tờ trình (Mẫu số 01) in its organisation's layout, with the nominees grouped by award."""
    signature = documents.signature_lines(title=data.signer_title, style=data.style)
    return _render(
        "cover_request.html",
        {
            **administrative_context("awards/document.css"),
            "data": data,
            "header": data.header(),
            "form_number": COVER_FORM,
            "signature_lines": signature,
            "style": data.style,
        },
    )


def achievement_report_html(data: AchievementReportData) -> str:
    """The báo cáo thành tích of a collective or an individual in its organisation's layout."""
    signatures = [{"lines": [title], "name": name} for title, name in data.signature_blocks]
    return _render(
        "achievement_report.html",
        {
            **administrative_context("awards/document.css"),
            "data": data,
            "header": data.header(),
            "sections": data.sections,
            "signatures": signatures,
            "style": data.style,
        },
    )
