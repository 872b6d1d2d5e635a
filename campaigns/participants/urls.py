"""Participants, registration, covenants and cloning; appended to ``campaigns.urls`` (app_name "campaigns")."""

from django.urls import path

from campaigns.participants import views

urlpatterns = [
    path("<int:pk>/participants/", views.participant_list, name="participant-list"),
    path(
        "<int:pk>/participants/add-organization/",
        views.participant_add_organization,
        name="participant-add-organization",
    ),
    path("<int:pk>/participants/add-bloc/", views.participant_add_bloc, name="participant-add-bloc"),
    path("<int:pk>/participants/add-selected/", views.participant_add_selected, name="participant-add-selected"),
    path("<int:pk>/participants/remove/", views.participant_remove, name="participant-remove"),
    path("<int:pk>/participants/<int:participant_pk>/scorer/", views.participant_scorer, name="participant-scorer"),
    path("<int:pk>/registration/", views.registration_list, name="registration-list"),
    path("<int:pk>/registration/<int:participant_pk>/", views.registration_detail, name="registration-detail"),
    path(
        "<int:pk>/registration/<int:participant_pk>/products/new/",
        views.registration_product_add,
        name="registration-product-add",
    ),
    path(
        "<int:pk>/registration/<int:participant_pk>/products/<int:product_pk>/",
        views.registration_product_update,
        name="registration-product-update",
    ),
    path(
        "<int:pk>/registration/<int:participant_pk>/products/<int:product_pk>/delete/",
        views.registration_product_delete,
        name="registration-product-delete",
    ),
    path("<int:pk>/covenants/", views.covenant_list, name="covenant-list"),
    path("<int:pk>/covenants/new/", views.covenant_create, name="covenant-create"),
    path("<int:pk>/covenants/<int:covenant_pk>/", views.covenant_detail, name="covenant-detail"),
    path("<int:pk>/covenants/<int:covenant_pk>/sign/", views.covenant_sign, name="covenant-sign"),
    path("<int:pk>/clone/", views.campaign_clone, name="campaign-clone"),
]
