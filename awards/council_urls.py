"""URL patterns of the awards app's council pages (combined in awards/urls.py)."""

urlpatterns: list = []
