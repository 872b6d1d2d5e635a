"""URL patterns of the campaign reports (combined in awards/urls.py)."""

from django.urls import path

from awards.reports import views

C = "campaign/<id:campaign_pk>/reports/"

urlpatterns = [
    path(C, views.report_list, name="report-list"),
    path(C + "<id:pk>/", views.report_detail, name="report-detail"),
    path(C + "<id:pk>/<str:fmt>/", views.report_download, name="report-download"),
]
