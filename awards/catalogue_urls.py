"""URL patterns of the awards app's catalogue pages (combined in awards/urls.py)."""

urlpatterns: list = []
