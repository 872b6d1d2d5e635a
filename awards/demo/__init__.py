"""Demo awards (``manage.py load_demo``, after ``scoring.demo``): two organisations, one per document style.

- ``soc_trang``: seed 004, the city's propaganda board, a Party body: Party documents (01-QĐ/BTGTU).
- ``minh_hoa``: the worked example's department, a State body: State documents (01/QĐ-SVHMH).
"""

from __future__ import annotations

from collections import Counter

from awards.demo import minh_hoa, soc_trang


def load_all() -> dict[str, Counter]:
    """Both demo flows, each all or nothing; a second run changes nothing."""
    return soc_trang.load_all() | minh_hoa.load_all()
