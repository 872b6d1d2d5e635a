"""Set-based ranking SQL over the stored submission totals: one row per participant and phase is read, never the
per-criterion scores (the scoring services keep ``scoring_submission``'s totals in the same transaction as every
input; see ``scoring/submissions/results.py``).

Per phase: total = max(0, regular + relative + min(bonus, cap) − min(penalty, cap)), the caps of the participant's
table; relative-to-leader points are the final figures computed by the ranking service with the pure engine
(written to a temporary table) when the campaign has such criteria, else the stored provisional ones (zero).
Several phases combine by their weights (rounded half up to hundredths) or only the last counts.
A participant is "not submitted" when none of its submissions of the run's phases left the draft state, "not
classified" when a gate rule fired in any of them; only the others are ranked, collectives and individuals apart
(ties share a rank: 1, 2, 2, 4). Tiers are matched per table on the total; under a điểm liệt the top tier is out
of reach; a participant without a rank has no tier.

Exactness: PostgreSQL sums NUMERIC; SQLite stores decimals as REAL, so there every value is turned into integer
hundredths first (``ROUND(x * 100)``) and only divided by 100 when written — no float sums.
The SQL text is assembled only from this module's constant fragments and generated placeholders (hence the
``noqa: S608``); every value — ids, caps, bounds, tier names — travels as a query parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

COLLECTIVE = "collective"
INDIVIDUAL = "individual"
RANKED, NOT_CLASSIFIED, NOT_SUBMITTED = "ranked", "not_classified", "not_submitted"
RELATIVE_TABLE = "ranking_relative"


@dataclass(frozen=True)
class KindInputs:
    """What the table of one participant kind contributes: its caps and tiers (best first)."""

    bonus_cap: Decimal | None = None
    penalty_cap: Decimal | None = None
    tiers: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class RankingInputs:
    """Everything the SQL needs, gathered in Python (a handful of rows) and stored with the run."""

    campaign_id: int
    phase_weights: tuple[tuple[int, Decimal], ...]  # (phase id, weight); one phase with weight 1 for a phase run
    kinds: dict[str, KindInputs] = field(default_factory=dict)
    has_relative: bool = False  # final relative points are in RELATIVE_TABLE (submission id, points)

    @property
    def weight_total(self) -> Decimal:
        return sum((w for _id, w in self.phase_weights), Decimal(0))

    def as_json(self) -> dict:
        def number(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "phases": [{"id": pk, "weight": str(w)} for pk, w in self.phase_weights],
            "tables": {
                kind: {
                    "bonus_cap": number(k.bonus_cap),
                    "penalty_cap": number(k.penalty_cap),
                    "tiers": [{"name": name, "lower_bound": str(bound)} for name, bound in k.tiers],
                }
                for kind, k in sorted(self.kinds.items())
            },
            "relative_criteria": self.has_relative,
        }


class Dialect:
    """The few places where SQLite and PostgreSQL differ; values are scaled by ``scale`` (100 on SQLite)."""

    def __init__(self, vendor: str) -> None:
        self.is_postgres = vendor == "postgresql"
        self.least = "LEAST" if self.is_postgres else "MIN"
        self.greatest = "GREATEST" if self.is_postgres else "MAX"

    def column(self, expression: str) -> str:
        """A stored decimal as an exact number (NUMERIC, or integer hundredths on SQLite)."""
        if self.is_postgres:
            return expression
        return f"CAST(ROUND(({expression}) * 100) AS INTEGER)"

    def value(self, number: Decimal) -> Decimal | int:
        """A Python decimal as a query parameter on the same scale."""
        if self.is_postgres:
            return number
        return int((number * 100).to_integral_value(rounding=ROUND_HALF_UP))

    def stored(self, expression: str) -> str:
        """Back from the working scale to the stored decimal."""
        return expression if self.is_postgres else f"(({expression}) / 100.0)"

    def weighted(self, weighted_sum: str) -> str:
        """``weighted_sum`` divided by the (parameter) weight total, rounded half up to hundredths."""
        if self.is_postgres:
            return f"ROUND(({weighted_sum}) / %s, 2)"
        return f"ROUND(CAST({weighted_sum} AS REAL) / %s)"


def _by_kind(collective: tuple[str, list], individual: tuple[str, list]) -> tuple[str, list]:
    """One expression per participant kind, chosen on the participant row ``p``."""
    sql = f"(CASE WHEN p.organization_id IS NOT NULL THEN {collective[0]} ELSE {individual[0]} END)"
    return sql, [*collective[1], *individual[1]]


def _capped(d: Dialect, raw: str, cap: Decimal | None) -> tuple[str, list]:
    return (raw, []) if cap is None else (f"{d.least}({raw}, %s)", [d.value(cap)])


def _kind(inputs: RankingInputs, kind: str) -> KindInputs:
    return inputs.kinds.get(kind, KindInputs())


def _phase_rows(d: Dialect, inputs: RankingInputs) -> tuple[str, list]:
    """One row per submission of the run's phases: its phase total (working scale) and flags, by participant."""
    phase_ids = [pk for pk, _w in inputs.phase_weights]
    col, ind = _kind(inputs, COLLECTIVE), _kind(inputs, INDIVIDUAL)
    bonus = _by_kind(
        _capped(d, d.column("s.bonus_points"), col.bonus_cap), _capped(d, d.column("s.bonus_points"), ind.bonus_cap)
    )
    penalty = _by_kind(
        _capped(d, d.column("s.penalty_points"), col.penalty_cap),
        _capped(d, d.column("s.penalty_points"), ind.penalty_cap),
    )
    if inputs.has_relative:
        relative = f"COALESCE((SELECT {d.column('r.points')} FROM {RELATIVE_TABLE} r WHERE r.sid = s.id), 0)"  # noqa: S608
    else:
        relative = d.column("s.relative_points")
    total = f"{d.greatest}(0, {d.column('s.regular_points')} + {relative} + {bonus[0]} - {penalty[0]})"
    marks = ", ".join(["%s"] * len(phase_ids))
    sql = f"""
        SELECT s.participant_id AS pid, s.phase_id AS phid,
            CASE WHEN s.status = 'draft' THEN 0 ELSE 1 END AS submitted,
            CASE WHEN s.status <> 'draft' AND s.is_gated THEN 1 ELSE 0 END AS gated,
            CASE WHEN s.below_minimum THEN 1 ELSE 0 END AS below,
            CASE WHEN s.status = 'verified' THEN 1 ELSE 0 END AS verified,
            {d.column("s.regular_points")} + {relative} AS reg, {bonus[0]} AS bon, {penalty[0]} AS pen,
            {total} AS total
        FROM scoring_submission s JOIN campaigns_participant p ON p.id = s.participant_id
        WHERE s.phase_id IN ({marks})"""  # noqa: S608
    return sql, [*bonus[1], *penalty[1], *bonus[1], *penalty[1], *phase_ids]


def _combined(d: Dialect, inputs: RankingInputs) -> tuple[str, list]:
    """One row per participant of the campaign: reg, bon, pen, total (working scale) and the status flags."""
    rows_sql, rows_params = _phase_rows(d, inputs)
    phase_ids = [pk for pk, _w in inputs.phase_weights]
    if len(phase_ids) == 1:
        columns = "COALESCE(r.reg, 0) AS reg, COALESCE(r.bon, 0) AS bon, COALESCE(r.pen, 0) AS pen, "
        columns += "COALESCE(r.total, 0) AS total, COALESCE(r.submitted, 0) AS submitted, "
        columns += "COALESCE(r.gated, 0) AS gated, COALESCE(r.below, 0) AS below, COALESCE(r.verified, 0) AS verified"
        sql = f"""
            SELECT p.id AS pid, CASE WHEN p.organization_id IS NOT NULL THEN 'collective' ELSE 'individual' END AS kind,
                {columns}
            FROM campaigns_participant p LEFT JOIN ({rows_sql}) r ON r.pid = p.id
            WHERE p.campaign_id = %s"""  # noqa: S608
        return sql, [*rows_params, inputs.campaign_id]
    weight = "(CASE r.phid " + " ".join("WHEN %s THEN %s" for _ in phase_ids) + " END)"
    weight_params = [x for pk, w in inputs.phase_weights for x in (pk, d.value(w))]
    divisor = d.value(inputs.weight_total) or 1  # all weights 0: every weighted sum is 0 too
    parts, params = [], []
    for name in ("reg", "bon", "pen", "total"):
        parts.append(f"COALESCE({d.weighted(f'SUM({weight} * r.{name})')}, 0) AS {name}")
        params += [*weight_params, divisor]
    sql = f"""
        SELECT p.id AS pid, CASE WHEN p.organization_id IS NOT NULL THEN 'collective' ELSE 'individual' END AS kind,
            {", ".join(parts)},
            COALESCE(MAX(r.submitted), 0) AS submitted, COALESCE(MAX(r.gated), 0) AS gated,
            COALESCE(MAX(r.below), 0) AS below,
            CASE WHEN COALESCE(SUM(r.verified), 0) = %s THEN 1 ELSE 0 END AS verified
        FROM campaigns_participant p LEFT JOIN ({rows_sql}) r ON r.pid = p.id
        WHERE p.campaign_id = %s
        GROUP BY p.id, p.organization_id"""  # noqa: S608
    return sql, [*params, len(phase_ids), *rows_params, inputs.campaign_id]


def _tier_case(d: Dialect, inputs: RankingInputs) -> tuple[str, list]:
    """The tier of a ranked ``t.total`` in its kind's table: the best band reached; under a điểm liệt the top band
    is out of reach; none without a rank or tiers."""
    branches, params = [], []
    for kind in (COLLECTIVE, INDIVIDUAL):
        tiers = _kind(inputs, kind).tiers
        if not tiers:
            continue
        whens = []
        for index, (name, bound) in enumerate(tiers):
            guard = "t.below = 0 AND " if index == 0 and len(tiers) > 1 else ""
            whens.append(f"WHEN {guard}t.total >= %s THEN %s")
            params += [d.value(bound), name]
        branches.append((kind, "CASE " + " ".join(whens) + " ELSE '' END"))
    if not branches:
        return "''", []
    cases = " ".join(f"WHEN t.kind = '{kind}' THEN {case}" for kind, case in branches)
    return f"CASE WHEN t.status <> '{RANKED}' THEN '' {cases} ELSE '' END", params


ENTRY_COLUMNS = (
    "participant_id, regular, bonus, penalty, total, is_fully_verified, below_minimum, tier_name, kind, status, rank"
)
TOTALS_TABLE = "ranking_totals"
WORK_MEM = "16MB"


def ranked_sql(vendor: str, inputs: RankingInputs) -> tuple[str, list]:
    """Every participant's entry (``ENTRY_COLUMNS``, stored scale)."""
    d = Dialect(vendor)
    combined_sql, combined_params = _combined(d, inputs)
    tier_sql, tier_params = _tier_case(d, inputs)
    status = (
        f"CASE WHEN c.submitted = 0 THEN '{NOT_SUBMITTED}' WHEN c.gated = 1 THEN '{NOT_CLASSIFIED}' ELSE '{RANKED}' END"
    )
    zero_unless_submitted = "CASE WHEN t.status = '" + NOT_SUBMITTED + "' THEN 0 ELSE t.{0} END"
    sql = f"""
        SELECT t.pid AS participant_id, {d.stored(zero_unless_submitted.format("reg"))} AS regular,
            {d.stored(zero_unless_submitted.format("bon"))} AS bonus,
            {d.stored(zero_unless_submitted.format("pen"))} AS penalty,
            {d.stored(zero_unless_submitted.format("total"))} AS total,
            (t.verified = 1) AS is_fully_verified, (t.below = 1) AS below_minimum,
            {tier_sql} AS tier_name, t.kind, t.status,
            CASE WHEN t.status = '{RANKED}'
                THEN RANK() OVER (PARTITION BY t.kind, t.status ORDER BY t.total DESC) END AS rank
        FROM (SELECT c.*, {status} AS status FROM ({combined_sql}) c) t"""  # noqa: S608
    return sql, [*tier_params, *combined_params]


def entries_sql(vendor: str, run_id: int, inputs: RankingInputs) -> tuple[str, list]:
    """INSERT … SELECT of every participant's entry in run ``run_id``."""
    sql, params = ranked_sql(vendor, inputs)
    insert = f"INSERT INTO scoring_rankingentry (run_id, {ENTRY_COLUMNS}) SELECT %s, r.* FROM ({sql}) r"  # noqa: S608
    return insert, [run_id, *params]


BLOC_RANKS_SQL = """
    INSERT INTO scoring_rankingblocrank (entry_id, bloc_id, rank)
    SELECT e.id, bm.bloc_id, RANK() OVER (PARTITION BY bm.bloc_id ORDER BY e.total DESC)
    FROM {entries} e
    JOIN campaigns_participant p ON p.id = e.participant_id
    JOIN organizations_blocmember bm ON bm.organization_id = p.organization_id
    WHERE e.status = 'ranked'"""

RUN_ENTRIES = "(SELECT id, participant_id, total, status FROM scoring_rankingentry WHERE run_id = %s)"


def write_sql(vendor: str, run_id: int, inputs: RankingInputs) -> list[tuple[str, list, bool]]:
    """The statements (sql, params, counts) writing run ``run_id``; the one that counts gives the entry count.

    PostgreSQL runs INSERT … SELECT without parallel workers but CREATE TABLE AS with them, so the entries are
    computed into a temporary table first, then one statement copies them into place and feeds the bloc ranks
    (ranked members of a bloc only) from its RETURNING rows. SQLite: the entries, then the bloc ranks from them.
    """
    if vendor != "postgresql":
        return [
            (*entries_sql(vendor, run_id, inputs), True),
            (BLOC_RANKS_SQL.format(entries=RUN_ENTRIES), [run_id], False),
        ]
    ranked, params = ranked_sql(vendor, inputs)
    return [
        ("SELECT set_config('work_mem', %s, true)", [WORK_MEM], False),  # the sorts stay in memory
        (f"DROP TABLE IF EXISTS {TOTALS_TABLE}", [], False),
        (f"CREATE TEMPORARY TABLE {TOTALS_TABLE} ON COMMIT DROP AS {ranked}", params, False),
        (
            f"""
            WITH written AS (
                INSERT INTO scoring_rankingentry (run_id, {ENTRY_COLUMNS})
                SELECT %s, {ENTRY_COLUMNS} FROM {TOTALS_TABLE}
                RETURNING id, participant_id, total, status
            ), blocs AS ({BLOC_RANKS_SQL.format(entries="written")})
            SELECT COUNT(*) FROM written""",  # noqa: S608
            [run_id],
            True,
        ),
        (f"DROP TABLE {TOTALS_TABLE}", [], False),
    ]


def relative_write(rows: list[tuple[int, Decimal]]) -> None:
    """Put the final relative-to-leader points per submission into a temporary table for this transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RELATIVE_TABLE}")
        cursor.execute(f"CREATE TEMPORARY TABLE {RELATIVE_TABLE} (sid integer PRIMARY KEY, points numeric(12, 2))")
        if rows:
            cursor.executemany(
                f"INSERT INTO {RELATIVE_TABLE} (sid, points) VALUES (%s, %s)",  # noqa: S608
                [(sid, str(points)) for sid, points in rows],
            )


def relative_drop() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RELATIVE_TABLE}")


def bare_sql(phase_id: int) -> tuple[str, list]:
    """The minimal query summing the raw per-criterion points and ranking them (no caps, tiers, writes): the
    yardstick the stored totals must beat."""
    sql = """
        SELECT t.pid, t.total, RANK() OVER (ORDER BY t.total DESC)
        FROM (
            SELECT sub.participant_id AS pid, SUM(COALESCE(s.verified_points, s.self_points, 0)) AS total
            FROM scoring_score s JOIN scoring_submission sub ON sub.id = s.submission_id
            WHERE sub.phase_id = %s
            GROUP BY sub.participant_id
        ) t"""
    return sql, [phase_id]


def ranking_write(*, run_id: int, inputs: RankingInputs) -> int:
    """Write the entries and bloc ranks of run ``run_id``; returns the number of entries. Caller holds a transaction."""
    count = 0
    with connection.cursor() as cursor:
        for sql, params, counts in write_sql(connection.vendor, run_id, inputs):
            cursor.execute(sql, params)
            if counts:  # a SELECT COUNT(*) row, or an INSERT's row count
                count = cursor.fetchone()[0] if cursor.description else cursor.rowcount
    return count
