from .review_urls import urlpatterns as review_urlpatterns

app_name = "scoring"

urlpatterns = [*review_urlpatterns]
