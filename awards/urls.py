"""The awards app's URLs: one module per part (catalogue & history, nominations, councils, decisions)."""

from awards.catalogue_urls import urlpatterns as catalogue_urlpatterns
from awards.council_urls import urlpatterns as council_urlpatterns
from awards.decision_urls import urlpatterns as decision_urlpatterns
from awards.nomination_urls import urlpatterns as nomination_urlpatterns

app_name = "awards"

urlpatterns = [*catalogue_urlpatterns, *nomination_urlpatterns, *council_urlpatterns, *decision_urlpatterns]
