"""Permission predicates of the awards app's decision part (registered with `rules`; imported by awards/rules.py)."""
