"""URL patterns of the campaigns app's planning part: campaigns, their lifecycle and phases."""

from django.urls import path

from campaigns.planning import views

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("new/", views.campaign_create, name="campaign-create"),
    path("<id:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<id:pk>/edit/", views.campaign_update, name="campaign-update"),
    path("<id:pk>/plan.pdf", views.campaign_plan_document, name="campaign-plan-document"),
    path("<id:pk>/delete/", views.campaign_delete, name="campaign-delete"),
    path("<id:pk>/step/<slug:action>/", views.campaign_transition, name="campaign-transition"),
    path("<id:pk>/phases/new/", views.phase_edit, name="phase-create"),
    path("<id:pk>/phases/<id:phase_pk>/", views.phase_edit, name="phase-update"),
    path("<id:pk>/phases/window/", views.phase_window, name="phase-window"),
]
