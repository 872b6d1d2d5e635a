"""The read-only JSON API (django-ninja) and the pages where administrators manage its tokens."""
