"""PDF documents of the awards app: certificates, decisions and council minutes.

Pure data in, PDF bytes out; no model imports. Services and Celery tasks call these functions::

    from awards.documents import CertificateData, render_certificate, merge_pdfs

``weasyprint`` is imported on the first render, not when this package is imported.
"""

from awards.documents.calibration import DEFAULT_CALIBRATION, validate_calibration
from awards.documents.data import (
    CertificateData,
    DecisionData,
    DecisionRecipient,
    MinutesData,
    MinutesRow,
    MinutesThreshold,
)
from awards.documents.html import certificate_html, decision_html, minutes_html
from awards.documents.render import (
    render_certificate,
    render_decision,
    render_minutes,
)
from common.pdf import bare_render, html_to_pdf, merge_pdfs

__all__ = [
    "DEFAULT_CALIBRATION",
    "CertificateData",
    "DecisionData",
    "DecisionRecipient",
    "MinutesData",
    "MinutesRow",
    "MinutesThreshold",
    "bare_render",
    "certificate_html",
    "decision_html",
    "html_to_pdf",
    "merge_pdfs",
    "minutes_html",
    "render_certificate",
    "render_decision",
    "render_minutes",
    "validate_calibration",
]
