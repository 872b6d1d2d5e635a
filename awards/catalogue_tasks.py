"""Celery tasks of the awards app's catalogue part (imported by awards/tasks.py)."""
