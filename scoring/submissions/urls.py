"""URLs of self-scoring, included into ``scoring/urls.py`` (namespace ``scoring``)."""

from django.urls import path

from scoring.submissions import views

urlpatterns = [
    path("mine/", views.submission_list, name="submission-list"),
    path("start/<id:participant_pk>/<id:phase_pk>/", views.submission_start, name="submission-start"),
    path("<id:pk>/", views.submission_detail, name="submission-detail"),
    path("<id:pk>/scores/<id:score_pk>/", views.score_save, name="submission-score-save"),
    path("<id:pk>/submit/", views.submission_submit, name="submission-submit"),
    path("<id:pk>/reopen/", views.submission_reopen, name="submission-reopen"),
    path("extensions/<id:participant_pk>/", views.extension_grant, name="extension-grant"),
    path("<id:pk>/scores/<id:score_pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("<id:pk>/evidence/<id:evidence_pk>/", views.evidence_download, name="evidence-download"),
    path("<id:pk>/evidence/<id:evidence_pk>/remove/", views.evidence_remove, name="evidence-remove"),
]
