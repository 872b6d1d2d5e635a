"""The awards app's URLs: one module per part (catalogue, ledger, nominations, councils, decisions)."""

from awards.api.urls import urlpatterns as api_urlpatterns
from awards.catalogue.urls import urlpatterns as catalogue_urlpatterns
from awards.councils.urls import urlpatterns as council_urlpatterns
from awards.decisions.urls import urlpatterns as decision_urlpatterns
from awards.exemplary.urls import urlpatterns as exemplary_urlpatterns
from awards.ledger.urls import urlpatterns as ledger_urlpatterns
from awards.nominations.urls import urlpatterns as nomination_urlpatterns
from awards.proposals.urls import urlpatterns as proposal_urlpatterns
from awards.public.urls import officer_urlpatterns as public_officer_urlpatterns
from awards.reports.urls import urlpatterns as report_urlpatterns
from awards.statistics.urls import urlpatterns as statistics_urlpatterns

app_name = "awards"

urlpatterns = [
    *catalogue_urlpatterns,
    *ledger_urlpatterns,
    *nomination_urlpatterns,
    *council_urlpatterns,
    *decision_urlpatterns,
    *proposal_urlpatterns,
    *api_urlpatterns,
    *report_urlpatterns,
    *statistics_urlpatterns,
    *public_officer_urlpatterns,
    *exemplary_urlpatterns,
]
