"""URL patterns of exemplary models (combined in awards/urls.py)."""

from django.urls import path

from awards.exemplary import views

urlpatterns = [
    path("exemplary/", views.exemplary_list, name="exemplary-list"),
    path("exemplary/new/", views.exemplary_create, name="exemplary-create"),
    path("exemplary/<id:pk>/", views.exemplary_detail, name="exemplary-detail"),
    path("exemplary/<id:pk>/propose/", views.exemplary_propose, name="exemplary-propose"),
    path("exemplary/<id:pk>/confirm/", views.exemplary_confirm, name="exemplary-confirm"),
    path("exemplary/<id:pk>/adopt/", views.exemplary_adopt, name="exemplary-adopt"),
]
