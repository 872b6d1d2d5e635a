"""Celery tasks of the awards app's council part (imported by awards/tasks.py)."""
