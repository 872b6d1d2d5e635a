"""Celery tasks of the awards app's catalogue part (imported by awards/tasks.py).

None: catalogue edits are immediate, and the award-history import runs synchronously (at most
``history_imports.MAX_ROWS`` rows, one bulk insert).
"""

__all__: list[str] = []
