"""Scoring tables and tiers; appended to ``campaigns.urls`` (app_name "campaigns")."""

from django.urls import path

from campaigns.tables import views

TABLE = "<id:pk>/tables/<id:table_pk>/"

urlpatterns = [
    path("<id:pk>/tables/", views.table_list, name="table-list"),
    path("<id:pk>/tables/new/", views.table_create, name="table-create"),
    path("<id:pk>/tables/import/", views.table_import_view, name="table-import"),
    path("<id:pk>/tables/import/template/", views.table_template_view, name="table-template"),
    path(TABLE, views.table_detail, name="table-detail"),
    path(f"{TABLE}settings/", views.table_update, name="table-update"),
    path(f"{TABLE}delete/", views.table_delete, name="table-delete"),
    path(f"{TABLE}preview/", views.table_preview, name="table-preview"),
    path(f"{TABLE}export/", views.table_export_view, name="table-export"),
    path(f"{TABLE}groups/new/", views.group_create, name="table-group-create"),
    path(f"{TABLE}groups/<id:group_pk>/", views.group_update, name="table-group-update"),
    path(f"{TABLE}groups/<id:group_pk>/delete/", views.group_delete, name="table-group-delete"),
    path(f"{TABLE}groups/<id:group_pk>/move/<slug:direction>/", views.group_move, name="table-group-move"),
    path(f"{TABLE}groups/<id:group_pk>/criteria/new/", views.criterion_create, name="table-criterion-create"),
    path(f"{TABLE}criteria/<id:criterion_pk>/", views.criterion_update, name="table-criterion-update"),
    path(f"{TABLE}criteria/<id:criterion_pk>/delete/", views.criterion_delete, name="table-criterion-delete"),
    path(
        f"{TABLE}criteria/<id:criterion_pk>/move/<slug:direction>/",
        views.criterion_move,
        name="table-criterion-move",
    ),
    path(f"{TABLE}criteria/<id:criterion_pk>/rules/new/", views.rule_create, name="table-rule-create"),
    path(f"{TABLE}rules/<id:rule_pk>/", views.rule_update, name="table-rule-update"),
    path(f"{TABLE}rules/<id:rule_pk>/delete/", views.rule_delete, name="table-rule-delete"),
    path(f"{TABLE}rules/<id:rule_pk>/move/<slug:direction>/", views.rule_move, name="table-rule-move"),
    path("<id:pk>/tiers/", views.tier_list, name="tier-list"),
]
