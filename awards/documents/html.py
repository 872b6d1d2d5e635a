"""The HTML of each document: data in, an HTML string out (Django templates, auto-escaped).

Kept apart from the WeasyPrint calls so that a benchmark can render the very same HTML through the
app's path and through bare WeasyPrint. Resources are referenced by absolute ``file://`` URLs of the
app's own files, so plain WeasyPrint finds them too, and data: URIs (the QR code).
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

from awards.documents.calibration import validate_calibration
from awards.documents.data import CertificateData, DecisionData, MinutesData
from awards.documents.qr import qr_data_uri
from common.pdf import fonts

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


def long_date(place: str, day: date) -> str:
    """ "Hà Nội, ngày 05 tháng 02 năm 2025": Decree 30/2020 pads days below 10 and the months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def short_date(day: date) -> str:
    """ "15/05/2025"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@functools.cache
def stylesheet_url(name: str) -> str:
    """The ``file://`` URL of ``static/awards/<name>``, found like any static file."""
    found = finders.find(f"awards/{name}")
    if not found:
        raise ImproperlyConfigured(f"static/awards/{name} is missing")
    return Path(found).resolve().as_uri()


def font_faces() -> list[dict]:
    """The ``@font-face`` entries of the app font; ImproperlyConfigured when ``fetch_fonts`` has not run."""
    directory = fonts.font_dir()
    missing = [f.name for f in fonts.FONT_FILES if not (directory / f.name).is_file()]
    if missing:
        raise ImproperlyConfigured(
            f"PDF fonts missing in {directory} ({', '.join(missing)}): run `python manage.py fetch_fonts`."
        )
    return [
        {
            "family": fonts.FONT_FAMILY,
            "url": (directory / f.name).resolve().as_uri(),
            "weight": f.weight,
            "style": f.style,
        }
        for f in fonts.FONT_FILES
    ]


def _render(template: str, stylesheet: str, context: dict) -> str:
    with translation.override("vi"):
        return render_to_string(
            f"awards/documents/{template}",
            {"font_faces": font_faces(), "stylesheet": stylesheet_url(stylesheet), **context},
        )


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
    }
    if mode == "overlay":
        context["fields"] = _overlay_fields(data, validate_calibration(calibration))
        return _render("certificate_overlay.html", "certificate.css", context)
    if calibration is not None:
        raise ValueError("calibration applies to the overlay mode only")
    return _render("certificate.html", "certificate.css", context)


def decision_html(data: DecisionData) -> str:
    """The HTML of an award decision in the administrative layout of Decree 30/2020/NĐ-CP."""
    articles = [{"number": index, "text": text} for index, text in enumerate(data.articles, start=1)]
    return _render(
        "decision.html",
        "document.css",
        {
            "data": data,
            "place_date": long_date(data.place, data.date),
            "articles": articles,
            "signer_title_lines": data.signer_title.splitlines(),
        },
    )


def minutes_html(data: MinutesData) -> str:
    """The HTML of the vote-counting minutes (biên bản kiểm phiếu) of a council session."""
    return _render(
        "minutes.html",
        "document.css",
        {
            "data": data,
            "place_date": long_date(data.place, data.date),
            "absent_count": max(data.members_total - data.present_count, 0),
        },
    )
