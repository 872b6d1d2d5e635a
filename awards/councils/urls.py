"""URL patterns of the awards app's council pages (combined in awards/urls.py)."""

from django.urls import path

from awards.councils.views import ballots as council_ballot_views
from awards.councils.views import councils as council_views
from awards.councils.views import minutes as council_minutes_views
from awards.councils.views import sessions as council_session_views

urlpatterns: list = [
    path("councils/", council_views.council_list, name="council-list"),
    path("councils/new/", council_views.council_create, name="council-create"),
    path("councils/<id:pk>/", council_views.council_detail, name="council-detail"),
    path("councils/<id:pk>/edit/", council_views.council_update, name="council-update"),
    path("councils/<id:pk>/members/new/", council_views.member_create, name="member-create"),
    path("councils/<id:pk>/members/<id:member_pk>/edit/", council_views.member_update, name="member-update"),
    path(
        "councils/<id:pk>/members/<id:member_pk>/deactivate/",
        council_views.member_deactivate,
        name="member-deactivate",
    ),
    path("councils/<id:pk>/sessions/new/", council_session_views.session_create, name="session-create"),
    path("sessions/<id:pk>/", council_session_views.session_detail, name="session-detail"),
    path("sessions/<id:pk>/agenda/add/", council_session_views.agenda_add, name="agenda-add"),
    path("sessions/<id:pk>/agenda/<id:item_pk>/remove/", council_session_views.agenda_remove, name="agenda-remove"),
    path("sessions/<id:pk>/attendance/", council_session_views.attendance_record, name="session-attendance"),
    path("sessions/<id:pk>/open/", council_session_views.session_step, {"step": "open"}, name="session-open"),
    path("sessions/<id:pk>/start/", council_session_views.session_step, {"step": "start"}, name="session-start"),
    path("sessions/<id:pk>/close/", council_session_views.session_step, {"step": "close"}, name="session-close"),
    path("sessions/<id:pk>/ballot/", council_ballot_views.ballot_paper, name="session-ballot"),
    path("sessions/<id:pk>/items/<id:item_pk>/", council_ballot_views.item_dossier, name="agenda-item-dossier"),
    path(
        "sessions/<id:pk>/items/<id:item_pk>/documents/<id:doc_pk>/",
        council_ballot_views.item_document_download,
        name="agenda-item-document",
    ),
    path("sessions/<id:pk>/minutes.pdf", council_session_views.minutes_download, name="session-minutes"),
    path("sessions/<id:pk>/minutes/details/", council_minutes_views.minutes_details, name="session-minutes-details"),
    path(
        "sessions/<id:pk>/minutes/written-votes/<id:member_pk>/",
        council_minutes_views.written_votes,
        name="session-written-votes",
    ),
]
