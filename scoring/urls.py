from scoring.progress.urls import urlpatterns as progress_urlpatterns
from scoring.ranking.urls import urlpatterns as ranking_urlpatterns
from scoring.results.urls import urlpatterns as results_urlpatterns
from scoring.review.urls import urlpatterns as review_urlpatterns
from scoring.submissions.urls import urlpatterns as self_urlpatterns

app_name = "scoring"

urlpatterns = [
    *self_urlpatterns,
    *review_urlpatterns,
    *ranking_urlpatterns,
    *results_urlpatterns,
    *progress_urlpatterns,
]
