"""URL patterns of the awards app's decision pages (combined in awards/urls.py)."""

from django.urls import path

from awards.decisions.views import certificates as files
from awards.decisions.views import decisions as views

DECISION = "decisions/<id:pk>/"

urlpatterns = [
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/new/", views.decision_create, name="decision-create"),
    path(DECISION, views.decision_detail, name="decision-detail"),
    path(f"{DECISION}edit/", views.decision_update, name="decision-update"),
    path(f"{DECISION}delete/", views.decision_delete, name="decision-delete"),
    path(f"{DECISION}recipients/new/", views.recipient_edit, name="recipient-create"),
    path(f"{DECISION}recipients/<id:line_pk>/edit/", views.recipient_edit, name="recipient-update"),
    path(f"{DECISION}recipients/<id:line_pk>/delete/", views.recipient_delete, name="recipient-delete"),
    path(f"{DECISION}issue/", views.decision_issue, name="decision-issue"),
    path(f"{DECISION}follow-up/", views.decision_followup, name="decision-followup"),
    path(f"{DECISION}retry/", views.decision_retry, name="decision-retry"),
    path(f"{DECISION}decision.pdf", files.decision_pdf, name="decision-pdf"),
    path(f"{DECISION}certificates.pdf", files.decision_certificates_pdf, name="decision-certificates-pdf"),
    path(f"{DECISION}certificates.zip", files.decision_certificates_zip, name="decision-certificates-zip"),
    path(f"{DECISION}overlay.pdf", files.certificate_overlay, name="decision-certificate-overlay"),
    path("certificates/<id:pk>.pdf", files.certificate_download, name="certificate-download"),
    path("certificate-templates/", files.certificatetemplate_list, name="certificatetemplate-list"),
    path("certificate-templates/new/", files.certificatetemplate_edit, name="certificatetemplate-create"),
    path("certificate-templates/<id:pk>/edit/", files.certificatetemplate_edit, name="certificatetemplate-update"),
]
