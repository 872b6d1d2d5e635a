"""URL patterns of the awards app's catalogue pages (combined in awards/urls.py)."""

from django.urls import path

from awards.catalogue import views

urlpatterns = [
    path("catalogue/", views.catalogue_list, name="catalogue-list"),
    path("catalogue/add/", views.catalogue_create, name="catalogue-create"),
    path("catalogue/<id:pk>/", views.catalogue_detail, name="catalogue-detail"),
    path("catalogue/<id:pk>/edit/", views.catalogue_update, name="catalogue-update"),
    path("catalogue/<id:pk>/new-version/", views.catalogue_version, name="catalogue-version"),
    path("catalogue/<id:pk>/delete/", views.catalogue_delete, name="catalogue-delete"),
    path("catalogue/<id:pk>/activate/", views.catalogue_activate, name="catalogue-activate"),
    path("catalogue/<id:pk>/prerequisites/add/", views.catalogue_prerequisite_add, name="catalogue-prerequisite-add"),
    path(
        "catalogue/<id:pk>/prerequisites/<id:prerequisite_pk>/remove/",
        views.catalogue_prerequisite_remove,
        name="catalogue-prerequisite-remove",
    ),
]
