"""Celery tasks of the awards app's decision part (imported by awards/tasks.py)."""
