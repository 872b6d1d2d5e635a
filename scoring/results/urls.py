"""URLs of the results pages, included into ``scoring/urls.py`` (namespace ``scoring``)."""

from django.urls import path

from scoring.results import views

urlpatterns = [
    path("results/", views.results_list, name="results-list"),
    path("results/participant/<id:pk>/", views.results_participant, name="results-participant"),
    path("results/<id:pk>/", views.results_submission, name="results-submission"),
]
