"""The scoring app's Celery tasks (Celery autodiscovers this module): the tasks of its parts."""

from scoring.progress.tasks import *  # noqa: F403
from scoring.ranking.tasks import *  # noqa: F403
