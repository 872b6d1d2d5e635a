"""URL patterns of the campaigns app's planning part: campaigns, their lifecycle and phases."""

from django.urls import path

from campaigns.planning import views

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("new/", views.campaign_create, name="campaign-create"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/edit/", views.campaign_update, name="campaign-update"),
    path("<int:pk>/plan.pdf", views.campaign_plan_document, name="campaign-plan-document"),
    path("<int:pk>/delete/", views.campaign_delete, name="campaign-delete"),
    path("<int:pk>/step/<slug:action>/", views.campaign_transition, name="campaign-transition"),
    path("<int:pk>/phases/new/", views.phase_edit, name="phase-create"),
    path("<int:pk>/phases/<int:phase_pk>/", views.phase_edit, name="phase-update"),
    path("<int:pk>/phases/window/", views.phase_window, name="phase-window"),
]
