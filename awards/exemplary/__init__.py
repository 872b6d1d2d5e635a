"""Exemplary models (điển hình tiên tiến) through their four stages: records, stages, adoptions."""
