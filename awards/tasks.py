"""The awards app's Celery tasks (Celery autodiscovers this module): the tasks of its parts."""

from awards.councils.tasks import *  # noqa: F403
from awards.decisions.tasks import *  # noqa: F403
from awards.nominations.tasks import *  # noqa: F403
from awards.reports.tasks import *  # noqa: F403
