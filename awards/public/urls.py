"""URL patterns of the public pages (namespace ``public``, mounted at /public/ in emulation/urls.py) and of the
officers' pages of the public part (combined in awards/urls.py as ``officer_urlpatterns``)."""

from django.urls import path

from awards.public import officer_views, views

app_name = "public"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("disclosures/<id:pk>/", views.public_disclosure, name="disclosure"),
    path("org/<id:pk>/", views.public_organization, name="organization"),
    path("org/<id:pk>/rankings/<id:run_pk>/", views.public_ranking, name="ranking"),
    path("org/<id:pk>/decisions/<id:decision_pk>/", views.public_decision, name="decision"),
]

officer_urlpatterns = [
    path("public-comments/", officer_views.comment_queue, name="public-comment-queue"),
    path("public-comments/<id:pk>/moderate/", officer_views.comment_moderate, name="public-comment-moderate"),
    path("publication/<id:pk>/", officer_views.publication_edit, name="publication-edit"),
]
