"""Review and history routes; included by ``scoring/urls.py`` (namespace ``scoring``)."""

from django.urls import path

from scoring.review import views

urlpatterns = [
    path("review/", views.review_queue, name="review-queue"),
    path("review/<int:pk>/", views.submission_review, name="submission-review"),
    path("review/<int:pk>/scores/<int:score_pk>/", views.score_verify, name="score-verify"),
    path("review/<int:pk>/return/", views.submission_return, name="submission-return"),
    path("review/<int:pk>/approve/", views.submission_approve, name="submission-approve"),
    path("submissions/<int:pk>/history/", views.submission_history, name="submission-history"),
]
