"""Review and history routes; included by ``scoring/urls.py`` (namespace ``scoring``)."""

from django.urls import path

from scoring.review import views

urlpatterns = [
    path("review/", views.review_queue, name="review-queue"),
    path("review/<id:pk>/", views.submission_review, name="submission-review"),
    path("review/<id:pk>/scores/<id:score_pk>/", views.score_verify, name="score-verify"),
    path("review/<id:pk>/return/", views.submission_return, name="submission-return"),
    path("review/<id:pk>/approve/", views.submission_approve, name="submission-approve"),
    path("submissions/<id:pk>/history/", views.submission_history, name="submission-history"),
]
