from django.urls import include, path

from organizations.views import accounts, audit, blocs, imports, lockouts, organizations, people

app_name = "organizations"

urlpatterns = [
    path("", organizations.organization_list, name="organization-list"),
    path("new/", organizations.organization_create, name="organization-create"),
    path("<id:pk>/", organizations.organization_detail, name="organization-detail"),
    path("<id:pk>/edit/", organizations.organization_update, name="organization-update"),
    path("people/", people.person_list, name="person-list"),
    path("people/new/", people.person_create, name="person-create"),
    path("people/<id:pk>/", people.person_detail, name="person-detail"),
    path("people/<id:pk>/edit/", people.person_update, name="person-update"),
    path("people/<id:pk>/account/", accounts.person_account, name="person-account"),
    path("people/<id:pk>/account/new/", accounts.person_account_create, name="person-account-create"),
    path("people/<id:pk>/account/roles/", accounts.person_role_add, name="person-role-add"),
    path(
        "people/<id:pk>/account/roles/<id:membership_pk>/remove/",
        accounts.person_role_remove,
        name="person-role-remove",
    ),
    path("people/<id:pk>/account/active/", accounts.person_account_active, name="person-account-active"),
    path("people/<id:pk>/account/password/", accounts.person_account_password, name="person-account-password"),
    path("blocs/", blocs.bloc_list, name="bloc-list"),
    path("blocs/<id:pk>/", blocs.bloc_detail, name="bloc-detail"),
    path("imports/", imports.import_create, name="import-create"),
    path("imports/<id:pk>/", imports.import_detail, name="import-detail"),
    path("imports/template/<str:kind>.xlsx", imports.import_template, name="import-template"),
    path("audit/", audit.audit_list, name="audit-list"),
    path("lockouts/", lockouts.lockout_list, name="lockout-list"),
    path("lockouts/unlock/", lockouts.lockout_unlock, name="lockout-unlock"),
    path("", include("organizations.notifications.urls")),
]
