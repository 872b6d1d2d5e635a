"""URL patterns of the API token pages (the API itself is mounted at /api/v1/ in emulation/urls.py)."""

from django.urls import path

from awards.api import views

urlpatterns = [
    path("api-tokens/", views.apitoken_list, name="apitoken-list"),
    path("api-tokens/<id:pk>/revoke/", views.apitoken_revoke, name="apitoken-revoke"),
]
