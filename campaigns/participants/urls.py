"""Participants, registration, covenants and cloning; appended to ``campaigns.urls`` (app_name "campaigns")."""

from django.urls import path

from campaigns.participants import views

urlpatterns = [
    path("<id:pk>/participants/", views.participant_list, name="participant-list"),
    path(
        "<id:pk>/participants/add-organization/",
        views.participant_add_organization,
        name="participant-add-organization",
    ),
    path("<id:pk>/participants/add-bloc/", views.participant_add_bloc, name="participant-add-bloc"),
    path("<id:pk>/participants/add-selected/", views.participant_add_selected, name="participant-add-selected"),
    path("<id:pk>/participants/remove/", views.participant_remove, name="participant-remove"),
    path("<id:pk>/participants/<id:participant_pk>/scorer/", views.participant_scorer, name="participant-scorer"),
    path("<id:pk>/registration/", views.registration_list, name="registration-list"),
    path("<id:pk>/registration/<id:participant_pk>/", views.registration_detail, name="registration-detail"),
    path(
        "<id:pk>/registration/<id:participant_pk>/products/new/",
        views.registration_product_add,
        name="registration-product-add",
    ),
    path(
        "<id:pk>/registration/<id:participant_pk>/products/<id:product_pk>/",
        views.registration_product_update,
        name="registration-product-update",
    ),
    path(
        "<id:pk>/registration/<id:participant_pk>/products/<id:product_pk>/delete/",
        views.registration_product_delete,
        name="registration-product-delete",
    ),
    path("<id:pk>/covenants/", views.covenant_list, name="covenant-list"),
    path("<id:pk>/covenants/new/", views.covenant_create, name="covenant-create"),
    path("<id:pk>/covenants/<id:covenant_pk>/", views.covenant_detail, name="covenant-detail"),
    path("<id:pk>/covenants/<id:covenant_pk>/sign/", views.covenant_sign, name="covenant-sign"),
    path("<id:pk>/clone/", views.campaign_clone, name="campaign-clone"),
]
