"""URL patterns of the awards app's catalogue pages (combined in awards/urls.py)."""

from django.urls import path

from awards.catalogue import views

urlpatterns = [
    path("catalogue/", views.catalogue_list, name="catalogue-list"),
    path("catalogue/add/", views.catalogue_create, name="catalogue-create"),
    path("catalogue/<int:pk>/", views.catalogue_detail, name="catalogue-detail"),
    path("catalogue/<int:pk>/edit/", views.catalogue_update, name="catalogue-update"),
    path("catalogue/<int:pk>/new-version/", views.catalogue_version, name="catalogue-version"),
    path("catalogue/<int:pk>/delete/", views.catalogue_delete, name="catalogue-delete"),
    path("catalogue/<int:pk>/activate/", views.catalogue_activate, name="catalogue-activate"),
    path("catalogue/<int:pk>/prerequisites/add/", views.catalogue_prerequisite_add, name="catalogue-prerequisite-add"),
    path(
        "catalogue/<int:pk>/prerequisites/<int:prerequisite_pk>/remove/",
        views.catalogue_prerequisite_remove,
        name="catalogue-prerequisite-remove",
    ),
]
