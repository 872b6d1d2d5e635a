"""The campaigns app's URLs: one module per part (planning, participants, tables)."""

from campaigns.participants.urls import urlpatterns as participant_urlpatterns
from campaigns.planning.urls import urlpatterns as planning_urlpatterns
from campaigns.tables.urls import urlpatterns as table_urlpatterns

app_name = "campaigns"

urlpatterns = [*planning_urlpatterns, *participant_urlpatterns, *table_urlpatterns]
