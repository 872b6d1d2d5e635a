from django.urls import path

from scoring.progress import views

PROGRESS = "campaigns/<id:pk>/progress/"

urlpatterns = [
    path(PROGRESS, views.progress_dashboard, name="progress-dashboard"),
    path(f"{PROGRESS}export.xlsx", views.progress_export, name="progress-export"),
    path(f"{PROGRESS}remind/", views.progress_remind, name="progress-remind"),
]
