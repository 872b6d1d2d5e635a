"""The awards app's Celery tasks (Celery autodiscovers this module), one module per part."""

from awards.catalogue_tasks import *  # noqa: F403
from awards.council_tasks import *  # noqa: F403
from awards.decision_tasks import *  # noqa: F403
from awards.nomination_tasks import *  # noqa: F403
