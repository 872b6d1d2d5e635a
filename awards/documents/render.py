"""The awards documents as PDF: certificates, decisions and council minutes (HTML from ``html``, PDF from common)."""

from __future__ import annotations

from awards.documents.data import CertificateData, DecisionData, MinutesData
from awards.documents.dossier import AchievementReportData, CoverRequestData
from awards.documents.html import (
    achievement_report_html,
    certificate_html,
    cover_request_html,
    decision_html,
    minutes_html,
)
from common.pdf import html_to_pdf


def render_certificate(data: CertificateData, *, mode: str = "full", calibration: dict | None = None) -> bytes:
    """One certificate as PDF: ``mode="full"`` on blank paper, ``"overlay"`` for pre-printed blanks."""
    return html_to_pdf(certificate_html(data, mode=mode, calibration=calibration))


def render_decision(data: DecisionData) -> bytes:
    """An award decision as PDF (A4 portrait, Decree 30/2020/NĐ-CP layout)."""
    return html_to_pdf(decision_html(data))


def render_minutes(data: MinutesData) -> bytes:
    """The vote-counting minutes of a council session as PDF (A4 portrait)."""
    return html_to_pdf(minutes_html(data))


def render_cover_request(data: CoverRequestData) -> bytes:
    """The tờ trình of a dossier as PDF (A4 portrait, the organisation's style)."""
    return html_to_pdf(cover_request_html(data))


def render_achievement_report(data: AchievementReportData) -> bytes:
    """A báo cáo thành tích as PDF (A4 portrait, the organisation's style)."""
    return html_to_pdf(achievement_report_html(data))
