"""URL patterns of the awards app's plan, nomination and disclosure pages (combined in awards/urls.py)."""

from django.urls import path

from awards.nominations.views import disclosure as disclosure_views
from awards.nominations.views import dossier_forms as form_views
from awards.nominations.views import nominations as nomination_views
from awards.nominations.views import plans as plan_views

C = "campaign/<id:campaign_pk>/"
N = C + "nominations/<id:pk>/"

urlpatterns = [
    path(C + "plan/", plan_views.plan_list, name="plan-list"),
    path(C + "plan/new/", plan_views.plan_create, name="plan-create"),
    path(C + "plan/<id:pk>/edit/", plan_views.plan_edit, name="plan-edit"),
    path(C + "plan/<id:pk>/delete/", plan_views.plan_delete, name="plan-delete"),
    path(C + "plan/<id:pk>/generate/", nomination_views.nomination_generate, name="nomination-generate"),
    path(C + "nominations/", nomination_views.nomination_list, name="nomination-list"),
    path(C + "cover-request.<str:fmt>", form_views.cover_request, name="dossier-cover-request"),
    path(N + "achievement-report.<str:fmt>", form_views.achievement_report, name="nomination-achievement-report"),
    path(C + "nominations/add/", nomination_views.nomination_add, name="nomination-add"),
    path(N, nomination_views.nomination_detail, name="nomination-detail"),
    path(N + "withdraw/", nomination_views.nomination_withdraw, name="nomination-withdraw"),
    path(N + "documents/", nomination_views.document_upload, name="nomination-document-upload"),
    path(N + "documents/<id:doc_pk>/", nomination_views.document_download, name="nomination-document-download"),
    path(N + "documents/<id:doc_pk>/delete/", nomination_views.document_delete, name="nomination-document-delete"),
    path(C + "disclosures/", disclosure_views.disclosure_list, name="disclosure-list"),
    path(C + "disclosures/new/", disclosure_views.disclosure_create, name="disclosure-create"),
    path(C + "disclosures/<id:pk>/", disclosure_views.disclosure_detail, name="disclosure-detail"),
    path(C + "disclosures/<id:pk>/comment/", disclosure_views.disclosure_comment, name="disclosure-comment"),
    path(
        C + "disclosures/<id:pk>/comment-paper/",
        disclosure_views.disclosure_comment_paper,
        name="disclosure-comment-paper",
    ),
]
