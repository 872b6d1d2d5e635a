"""URL patterns of the awards app's decision pages (combined in awards/urls.py)."""

urlpatterns: list = []
