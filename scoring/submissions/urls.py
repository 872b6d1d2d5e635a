"""URLs of self-scoring, included into ``scoring/urls.py`` (namespace ``scoring``)."""

from django.urls import path

from scoring.submissions import views

urlpatterns = [
    path("mine/", views.submission_list, name="submission-list"),
    path("start/<int:participant_pk>/<int:phase_pk>/", views.submission_start, name="submission-start"),
    path("<int:pk>/", views.submission_detail, name="submission-detail"),
    path("<int:pk>/scores/<int:score_pk>/", views.score_save, name="submission-score-save"),
    path("<int:pk>/submit/", views.submission_submit, name="submission-submit"),
    path("<int:pk>/reopen/", views.submission_reopen, name="submission-reopen"),
    path("extensions/<int:participant_pk>/", views.extension_grant, name="extension-grant"),
    path("<int:pk>/scores/<int:score_pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence-download"),
    path("<int:pk>/evidence/<int:evidence_pk>/remove/", views.evidence_remove, name="evidence-remove"),
]
