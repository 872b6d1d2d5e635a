"""URL patterns of the yearly statistics forms (combined in awards/urls.py)."""

from django.urls import path

from awards.statistics import views

S = "statistics/<id:pk>/<id:year>/"

urlpatterns = [
    path("statistics/", views.statistics_index, name="statistics-index"),
    path(S, views.statistics_detail, name="statistics-detail"),
    path(S + "input/", views.statistics_input, name="statistics-input"),
    path(S + "<str:fmt>/", views.statistics_download, name="statistics-download"),
]
