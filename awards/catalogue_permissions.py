"""Permission predicates of the awards app's catalogue part (registered with `rules`; imported by awards/rules.py)."""
