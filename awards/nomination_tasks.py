"""Celery tasks of the awards app's nomination part (imported by awards/tasks.py)."""
