"""Permission predicates of the awards app's nomination part (registered with `rules`; imported by awards/rules.py)."""
