"""Permission predicates of the awards app's council part (registered with `rules`; imported by awards/rules.py)."""
