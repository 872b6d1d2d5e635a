"""Pure nomination rules (no Django): which ranked candidates an award plan's quota selects.

Encodes award plans with quotas (e.g. Giấy khen for 1 collective and 2 individuals, or “every unit ≥ 90
points”) under Law 06/2022/QH15 and Decree 98/2023/NĐ-CP (until 30/6/2025), replaced by Decree 152/2025/NĐ-CP:
ineligible candidates are never selected, and on ties priority goes to women and to collectives with ≥ 70% women.

The order, best first:

1. rank (lower is better), as computed by the ranking — its configured tie-break chain has already
   separated what it could; candidates sharing a rank are *tied* (they must share a total too);
2. inside a tie, the regulations' priority: a woman (``is_female``) or a collective whose
   ``women_share`` ≥ 0.70 comes before the others;
3. candidates still equal after 1–2 form a *block*; inside a block the input order is kept, but it
   never decides who is selected.

Filling the quota walks the blocks in order. A block that fits entirely is selected. The block that
would overflow the quota — a tie that still straddles the boundary after the priorities — is **not**
split: nobody in it is selected, every member gets ``tie_at_quota`` and ``Selection.tied`` /
``Selection.open_places`` tell the council how many of them it may still pick. Every later candidate
waits (``over_quota``). A ``Quota(limit=None)`` selects every eligible candidate at or above the
minimum points.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from awards.eligibility import Reason

WOMEN_SHARE_PRIORITY = Decimal("0.70")

# Note codes (stable; translated by the Django layer).
NOT_ELIGIBLE = "not_eligible"  # {}
BELOW_MINIMUM_POINTS = "below_minimum_points"  # total, minimum
WITHIN_QUOTA = "within_quota"  # limit (None: no limit)
OVER_QUOTA = "over_quota"  # limit
TIE_AT_QUOTA = "tie_at_quota"  # limit, open_places, tied_count, rank, total
TIE_PRIORITY = "tie_priority"  # basis ("woman" | "women_share"), women_share, minimum_share


@dataclass(frozen=True)
class RankedCandidate:
    """One line of a ranking, with its eligibility verdict and what the tie priorities need."""

    key: Hashable
    rank: int
    total: Decimal
    tier: str | None = None
    eligible: bool = True
    is_female: bool | None = None  # individuals
    women_share: Decimal | None = None  # collectives, 0 … 1

    def __post_init__(self) -> None:
        if isinstance(self.rank, bool) or not isinstance(self.rank, int) or self.rank < 1:
            raise ValueError(f"{self.key!r}: rank must be a whole number of at least 1.")
        if not isinstance(self.total, Decimal) or not self.total.is_finite():
            raise TypeError(f"{self.key!r}: total must be a finite Decimal, not {self.total!r}.")
        share = self.women_share
        if share is not None and (not isinstance(share, Decimal) or not share.is_finite() or not 0 <= share <= 1):
            raise ValueError(f"{self.key!r}: women_share must be a Decimal between 0 and 1.")

    @property
    def has_priority(self) -> bool:
        """The regulations' tie priority: a woman, or a collective with ≥ 70% women."""
        return self.is_female is True or (self.women_share is not None and self.women_share >= WOMEN_SHARE_PRIORITY)


@dataclass(frozen=True)
class Quota:
    """How many may be selected; ``None``: every eligible candidate."""

    limit: int | None = None

    def __post_init__(self) -> None:
        limit = self.limit
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise ValueError(f"A quota limit must be None or a whole number ≥ 0, not {self.limit!r}.")


@dataclass(frozen=True)
class Selection:
    selected: tuple[Hashable, ...]  # in order
    waiting: tuple[Hashable, ...]  # eligible but not selected, in order; the tied block first
    notes: dict[Hashable, tuple[Reason, ...]] = field(hash=False)  # every candidate's key
    tied: tuple[Hashable, ...] = ()  # the block straddling the quota, for the council to decide
    open_places: int = 0  # how many of ``tied`` the council may still select


def _check_ranking(candidates: Sequence[RankedCandidate]) -> None:
    """Refuse duplicate keys and ranks that disagree with totals (a better rank never has less)."""
    keys = [candidate.key for candidate in candidates]
    if len(set(keys)) != len(keys):
        raise ValueError("Each candidate key must appear once.")
    ordered = sorted(candidates, key=lambda candidate: candidate.rank)
    for better, worse in zip(ordered, ordered[1:], strict=False):
        same_rank_other_total = better.rank == worse.rank and better.total != worse.total
        if same_rank_other_total or better.total < worse.total:
            raise ValueError(f"Ranks and totals disagree: {better.key!r} and {worse.key!r}.")


def _priority_note(candidate: RankedCandidate) -> Reason:
    if candidate.is_female is True:
        return Reason(TIE_PRIORITY, {"basis": "woman", "women_share": None, "minimum_share": None}, passed=True)
    params: dict[str, object] = {
        "basis": "women_share",
        "women_share": candidate.women_share,
        "minimum_share": WOMEN_SHARE_PRIORITY,
    }
    return Reason(TIE_PRIORITY, params, passed=True)


def _blocks(pool: Sequence[RankedCandidate], notes: dict[Hashable, list[Reason]]) -> list[list[RankedCandidate]]:
    """The pool in order, cut into blocks of candidates still equal after rank and priority."""
    blocks: list[list[RankedCandidate]] = []
    ordered = sorted(pool, key=lambda candidate: candidate.rank)
    for _rank, tie in groupby(ordered, key=lambda candidate: candidate.rank):
        tie_group = list(tie)
        first = [candidate for candidate in tie_group if candidate.has_priority]
        rest = [candidate for candidate in tie_group if not candidate.has_priority]
        if first and rest:  # the priority only decides something when it splits a tie
            for candidate in first:
                notes[candidate.key].append(_priority_note(candidate))
        blocks.extend(block for block in (first, rest) if block)
    return blocks


def _pool(
    candidates: Iterable[RankedCandidate], minimum_points: Decimal | None, notes: dict[Hashable, list[Reason]]
) -> list[RankedCandidate]:
    """The candidates that may be selected; the others get their notes."""
    pool: list[RankedCandidate] = []
    for candidate in candidates:
        if not candidate.eligible:
            notes[candidate.key].append(Reason(NOT_ELIGIBLE, {}))
        if minimum_points is not None and candidate.total < minimum_points:
            notes[candidate.key].append(
                Reason(BELOW_MINIMUM_POINTS, {"total": candidate.total, "minimum": minimum_points})
            )
        if not notes[candidate.key]:
            pool.append(candidate)
    return pool


def _boundary_note(block: list[RankedCandidate], limit: int, taken: int) -> Reason:
    """``tie_at_quota`` when some places are still open for this block, else ``over_quota``."""
    if taken >= limit:
        return Reason(OVER_QUOTA, {"limit": limit})
    params = {
        "limit": limit,
        "open_places": limit - taken,
        "tied_count": len(block),
        "rank": block[0].rank,
        "total": block[0].total,
    }
    return Reason(TIE_AT_QUOTA, params)


def _fill(
    blocks: Sequence[list[RankedCandidate]], limit: int | None, notes: dict[Hashable, list[Reason]]
) -> tuple[list[Hashable], list[Hashable], list[Hashable], int]:
    """Selected, waiting, tied keys and open places; once a block does not fit, every later one waits."""
    selected: list[Hashable] = []
    waiting: list[Hashable] = []
    tied: list[Hashable] = []
    open_places = 0
    full = False
    for block in blocks:
        keys = [candidate.key for candidate in block]
        if not full and (limit is None or len(selected) + len(block) <= limit):
            selected.extend(keys)
            note = Reason(WITHIN_QUOTA, {"limit": limit}, passed=True)
        else:
            # Not full here means a limit was set (no limit selects every block).
            if full or limit is None:
                note = Reason(OVER_QUOTA, {"limit": limit})
            else:
                note = _boundary_note(block, limit, len(selected))
                if note.code == TIE_AT_QUOTA:
                    tied, open_places = keys, limit - len(selected)
            full = True
            waiting.extend(keys)
        for key in keys:
            notes[key].append(note)
    return selected, waiting, tied, open_places


def select_nominations(
    candidates: Sequence[RankedCandidate], quota: Quota, *, minimum_points: Decimal | None = None
) -> Selection:
    """Which candidates ``quota`` selects, in order, with a note for each (see the module docstring)."""
    _check_ranking(candidates)
    if minimum_points is not None and (not isinstance(minimum_points, Decimal) or not minimum_points.is_finite()):
        raise TypeError(f"minimum_points must be a finite Decimal, not {minimum_points!r}.")
    notes: dict[Hashable, list[Reason]] = {candidate.key: [] for candidate in candidates}
    blocks = _blocks(_pool(candidates, minimum_points, notes), notes)
    selected, waiting, tied, open_places = _fill(blocks, quota.limit, notes)
    return Selection(
        selected=tuple(selected),
        waiting=tuple(waiting),
        notes={key: tuple(reasons) for key, reasons in notes.items()},
        tied=tuple(tied),
        open_places=open_places,
    )
