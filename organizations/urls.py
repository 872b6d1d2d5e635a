from django.urls import include, path

from organizations.views import blocs, imports, lockouts, organizations, people

app_name = "organizations"

urlpatterns = [
    path("", organizations.organization_list, name="organization-list"),
    path("new/", organizations.organization_create, name="organization-create"),
    path("<int:pk>/", organizations.organization_detail, name="organization-detail"),
    path("<int:pk>/edit/", organizations.organization_update, name="organization-update"),
    path("people/", people.person_list, name="person-list"),
    path("people/new/", people.person_create, name="person-create"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_update, name="person-update"),
    path("blocs/", blocs.bloc_list, name="bloc-list"),
    path("blocs/<int:pk>/", blocs.bloc_detail, name="bloc-detail"),
    path("imports/", imports.import_create, name="import-create"),
    path("imports/<int:pk>/", imports.import_detail, name="import-detail"),
    path("imports/template/<str:kind>.xlsx", imports.import_template, name="import-template"),
    path("lockouts/", lockouts.lockout_list, name="lockout-list"),
    path("lockouts/unlock/", lockouts.lockout_unlock, name="lockout-unlock"),
    path("", include("organizations.notifications.urls")),
]
