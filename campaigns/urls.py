from django.urls import path

app_name = "campaigns"

# The campaigns pages arrive with their own issue; the app is installed and routed from day one.
urlpatterns: list[path] = []
