"""URL patterns of the awards app's nomination pages (combined in awards/urls.py)."""

urlpatterns: list = []
