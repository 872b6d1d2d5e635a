"""The awards app's permission predicates, one module per part; importing this registers them all."""

from awards.catalogue import permissions as catalogue_permissions  # noqa: F401
from awards.councils import permissions as council_permissions  # noqa: F401
from awards.decisions import permissions as decision_permissions  # noqa: F401
from awards.ledger import permissions as ledger_permissions  # noqa: F401
from awards.nominations import permissions as nomination_permissions  # noqa: F401
from awards.proposals import permissions as proposal_permissions  # noqa: F401
