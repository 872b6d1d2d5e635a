from django.urls import path

app_name = "scoring"

# The scoring pages arrive with their own issue; the app is installed and routed from day one.
urlpatterns: list[path] = []
