"""URL patterns of the award ledger pages (combined with the catalogue's in awards/catalogue/urls.py)."""

from django.urls import path

from awards.ledger import views

urlpatterns = [
    path("history/", views.history_list, name="history-list"),
    path("history/add/", views.history_create, name="history-create"),
    path("history/import/", views.history_import, name="history-import"),
    path("history/import/template.xlsx", views.history_import_template, name="history-import-template"),
    path("history/<id:pk>/", views.history_detail, name="history-detail"),
    path("history/<id:pk>/edit/", views.history_update, name="history-update"),
    path("history/<id:pk>/delete/", views.history_delete, name="history-delete"),
]
