"""Ranking pages; appended to ``scoring.urls`` (app_name "scoring")."""

from django.urls import path

from scoring.ranking import views

RANKINGS = "campaigns/<id:pk>/rankings/"
RUN = f"{RANKINGS}runs/<id:run_pk>/"

urlpatterns = [
    path(RANKINGS, views.ranking_list, name="ranking-list"),
    path(f"{RANKINGS}phases/<id:phase_pk>/", views.ranking_list, name="ranking-list-phase"),
    path(f"{RANKINGS}compute/", views.ranking_request, name="ranking-request"),
    path(f"{RUN}participants/<id:participant_pk>/", views.rankingentry_detail, name="rankingentry-detail"),
    path(f"{RUN}charts/<slug:chart>.svg", views.ranking_chart, name="ranking-chart"),
    path(f"{RUN}export.xlsx", views.ranking_export, name="ranking-export"),
]
