"""URL patterns of the awards app's proposal pages (combined in awards/urls.py)."""

from django.urls import path

from awards.proposals import views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal-list"),
    path("sessions/<id:pk>/propose/", views.proposal_create, name="proposal-create"),
    path("proposals/<id:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<id:pk>/step/", views.proposal_act, name="proposal-act"),
    path("proposals/<id:pk>/history/", views.proposal_history, name="proposal-history"),
]
