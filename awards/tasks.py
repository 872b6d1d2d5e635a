"""The awards app's Celery tasks (Celery autodiscovers this module), one module per part."""

from .catalogue_tasks import *  # noqa: F403
from .council_tasks import *  # noqa: F403
from .decision_tasks import *  # noqa: F403
from .nomination_tasks import *  # noqa: F403
