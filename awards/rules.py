"""The awards app's permission predicates, one module per part; importing this registers them all."""

from awards import catalogue_permissions, council_permissions, decision_permissions, nomination_permissions  # noqa: F401
