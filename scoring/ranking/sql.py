"""Set-based ranking SQL: per-participant totals, tiers and ranks in one INSERT … SELECT, bloc ranks in a second.

Totals follow ``campaigns.scoring_rules.total_for``: the points that count are verified points where verified,
else self points (a missing answer is 0); bonus and penalty are capped per table; the total is
max(0, regular + bonus − penalty). Exactness: PostgreSQL sums integer hundredths (exact, and cheaper than NUMERIC
sums); SQLite stores decimals as REAL/INTEGER, so there every value is turned into integer hundredths first
(``ROUND(x * 100)``) and only divided by 100 when written — no float sums, no integer division.
Per-participant totals are aggregated first and ranked second (about twice as fast as ranking a join and grouping
after it); the scores are read once, joined to their submission once, and the participants once. On PostgreSQL
the entries and the bloc ranks are written by one statement (see ``write_sql``) into tables without database
foreign keys (see ``scoring.models.RankingEntry``).

The SQL text is assembled only from this module's constant fragments and generated placeholders (hence the
``noqa: S608``); every value — ids, caps, bounds, tier names — travels as a query parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

COLLECTIVE = "collective"
INDIVIDUAL = "individual"


@dataclass(frozen=True)
class KindInputs:
    """What the table of one participant kind contributes: caps and how many criteria carry a điểm liệt."""

    bonus_cap: Decimal | None = None
    penalty_cap: Decimal | None = None
    minimum_count: int = 0


@dataclass(frozen=True)
class RankingInputs:
    """Everything the SQL needs, gathered in Python (a handful of rows) and stored with the run."""

    campaign_id: int
    phase_weights: tuple[tuple[int, Decimal], ...]  # (phase id, weight); one phase with weight 1 for a phase run
    tiers: tuple[tuple[str, Decimal], ...]  # best first
    kinds: dict[str, KindInputs] = field(default_factory=dict)
    bonus_ids: tuple[int, ...] = ()
    penalty_ids: tuple[int, ...] = ()
    minimums: tuple[tuple[int, Decimal], ...] = ()  # (criterion id, điểm liệt) of regular criteria with one > 0

    @property
    def weight_total(self) -> Decimal:
        return sum((w for _id, w in self.phase_weights), Decimal(0))

    def as_json(self) -> dict:
        def number(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "phases": [{"id": pk, "weight": str(w)} for pk, w in self.phase_weights],
            "tiers": [{"name": name, "lower_bound": str(bound)} for name, bound in self.tiers],
            "tables": {
                kind: {
                    "bonus_cap": number(k.bonus_cap),
                    "penalty_cap": number(k.penalty_cap),
                    "criteria_with_minimum": k.minimum_count,
                }
                for kind, k in sorted(self.kinds.items())
            },
        }


class Dialect:
    """The few places where SQLite and PostgreSQL differ; values are scaled by ``scale`` (100 on SQLite)."""

    def __init__(self, vendor: str) -> None:
        self.is_postgres = vendor == "postgresql"
        self.scale = 1 if self.is_postgres else 100
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

    def filtered_sum(self, points: str, condition: str) -> str:
        """SUM of ``points`` (already on the working scale) over the rows meeting ``condition``, 0 for none.

        On PostgreSQL the sum runs on integer hundredths (exact: stored decimals have two places) and is scaled
        back per group: a parallel plan ships each partial sum between processes, and a NUMERIC sum's state is
        serialised there — two of them cost more than the whole aggregate's other work (the total's own NUMERIC
        sum made the aggregate about 20% slower than the bare query's). An empty ``condition`` sums every row.
        """
        where = f" FILTER (WHERE {condition})" if condition else ""
        if self.is_postgres:
            return f"(COALESCE(SUM(CAST(({points}) * 100 AS INTEGER)){where}, 0) * 0.01)"
        return f"COALESCE(SUM({points}){where}, 0)"

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


def _ids(column: str, ids: tuple[int, ...]) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _aggregate(d: Dialect, inputs: RankingInputs, phase_ids: list[int]) -> tuple[str, list]:
    """Sums per participant (and phase, when there are several) straight from the scores: the only pass over the
    big table, shaped like the bare query (scores joined to their submission once, grouped by its participant).

    ``pts`` sums every criterion; the regular points are ``pts − bon − pen`` (one FILTERed sum fewer per score).
    Criterion kinds and điểm liệt come in as id lists (a campaign has tens of criteria), so the scores are not
    joined to the criteria; a sum or count the inputs cannot need is the constant 0. FILTER works on PostgreSQL
    and SQLite ≥ 3.30.
    """
    points = d.column("COALESCE(s.verified_points, s.self_points, 0)")
    columns, params = [f"{d.filtered_sum(points, '')} AS pts"], []
    for name, ids in (("bon", inputs.bonus_ids), ("pen", inputs.penalty_ids)):
        if ids:
            columns.append(f"{d.filtered_sum(points, _ids('s.criterion_id', ids)[0])} AS {name}")
            params += list(ids)
        else:
            columns.append(f"0 AS {name}")
    if inputs.minimums:
        checks = " OR ".join(f"(s.criterion_id = %s AND {points} >= %s)" for _pk in inputs.minimums)
        columns.append(f"COUNT(*) FILTER (WHERE {checks}) AS met")
        params += [x for pk, bound in inputs.minimums for x in (pk, d.value(bound))]
    else:
        columns.append("0 AS met")
    # answered (self or verified) minus verified: answered but not verified, without a FILTER per score
    columns.append("COUNT(COALESCE(s.verified_points, s.self_points)) - COUNT(s.verified_points) AS unverified")
    marks = ", ".join(["%s"] * len(phase_ids))
    keys = (
        {"pid": "sub.participant_id"} if len(phase_ids) == 1 else {"pid": "sub.participant_id", "phid": "sub.phase_id"}
    )
    group = ", ".join(keys.values())
    sql = f"""
        SELECT {", ".join(f"{column} AS {name}" for name, column in keys.items())}, {", ".join(columns)}
        FROM scoring_score s JOIN scoring_submission sub ON sub.id = s.submission_id
        WHERE sub.phase_id IN ({marks})
        GROUP BY {group}"""  # noqa: S608
    return sql, [*params, *phase_ids]


def _phase_columns(d: Dialect, inputs: RankingInputs) -> dict[str, tuple[str, list]]:
    """reg, bon, pen (capped per the participant's table), below and verified (0/1) of one aggregated row ``r``
    of the participant ``p``, and the điểm liệt it needs. Without a submission ``reg`` is NULL (callers coalesce)."""
    col, ind = _kind(inputs, COLLECTIVE), _kind(inputs, INDIVIDUAL)
    needed = _by_kind(("%s", [col.minimum_count]), ("%s", [ind.minimum_count]))
    return {
        "reg": ("(r.pts - r.bon - r.pen)", []),
        # coalesced before capping: PostgreSQL's LEAST(NULL, cap) is the cap
        "bon": _by_kind(
            _capped(d, "COALESCE(r.bon, 0)", col.bonus_cap), _capped(d, "COALESCE(r.bon, 0)", ind.bonus_cap)
        ),
        "pen": _by_kind(
            _capped(d, "COALESCE(r.pen, 0)", col.penalty_cap), _capped(d, "COALESCE(r.pen, 0)", ind.penalty_cap)
        ),
        # without a submission, below when the participant's table has any điểm liệt
        "below": (f"CASE WHEN COALESCE(r.met, 0) < {needed[0]} THEN 1 ELSE 0 END", needed[1]),
        "needed": needed,
        "verified": ("CASE WHEN r.unverified = 0 THEN 1 ELSE 0 END", []),
    }


def _combined(d: Dialect, inputs: RankingInputs) -> tuple[str, list]:
    """One row per participant of the campaign: reg, bon, pen, total (working scale), below, verified (0/1).

    The participant table is joined once, here: it gives the campaign's participants and their kind (caps).
    """
    phase_ids = [pk for pk, _w in inputs.phase_weights]
    rows_sql, rows_params = _aggregate(d, inputs, phase_ids)
    cols = _phase_columns(d, inputs)
    if len(phase_ids) == 1:  # a phase run, or "last phase only": no weighting, one row per participant already
        parts = [f"COALESCE({cols[n][0]}, 0) AS {n}" for n in ("reg", "bon", "pen")]
        parts += [f"{cols[n][0]} AS {n}" for n in ("below", "verified")]
        params = [x for n in ("reg", "bon", "pen", "below", "verified") for x in cols[n][1]]
        sql = f"""
            SELECT c.*, {d.greatest}(0, c.reg + c.bon - c.pen) AS total
            FROM (
                SELECT p.id AS pid, {", ".join(parts)}
                FROM campaigns_participant p LEFT JOIN ({rows_sql}) r ON r.pid = p.id
                WHERE p.campaign_id = %s
            ) c"""  # noqa: S608
        return sql, [*params, *rows_params, inputs.campaign_id]
    weight = "(CASE r.phid " + " ".join("WHEN %s THEN %s" for _ in phase_ids) + " END)"
    weight_params = [x for pk, w in inputs.phase_weights for x in (pk, d.value(w))]
    divisor = d.value(inputs.weight_total) or 1  # all weights 0: every weighted sum is 0 too
    total = (
        f"{d.greatest}(0, {cols['reg'][0]} + {cols['bon'][0]} - {cols['pen'][0]})",
        [*cols["reg"][1], *cols["bon"][1], *cols["pen"][1]],
    )
    parts, params = [], []
    for name, (expression, expression_params) in (*((n, cols[n]) for n in ("reg", "bon", "pen")), ("total", total)):
        parts.append(f"COALESCE({d.weighted(f'SUM({weight} * {expression})')}, 0) AS {name}")
        params += [*weight_params, *expression_params, divisor]
    below, below_params = cols["below"]
    needed, needed_params = cols["needed"]
    verified, verified_params = cols["verified"]
    sql = f"""
        SELECT p.id AS pid, {", ".join(parts)},
            CASE WHEN MAX({below}) = 1 OR ({needed} > 0 AND COUNT(r.pid) < %s) THEN 1 ELSE 0 END AS below,
            CASE WHEN COALESCE(SUM({verified}), 0) = %s THEN 1 ELSE 0 END AS verified
        FROM campaigns_participant p LEFT JOIN ({rows_sql}) r ON r.pid = p.id
        WHERE p.campaign_id = %s
        GROUP BY p.id, p.organization_id"""  # noqa: S608
    count = len(phase_ids)
    select_params = [*params, *below_params, *needed_params, count, *verified_params, count]
    return sql, [*select_params, *rows_params, inputs.campaign_id]


def _tier_case(d: Dialect, tiers: tuple[tuple[str, Decimal], ...]) -> tuple[str, list]:
    """The tier of ``t.total``: the best band reached; under a điểm liệt the top band is out of reach."""
    if not tiers:
        return "''", []
    whens, params = [], []
    for index, (name, bound) in enumerate(tiers):
        guard = "t.below = 0 AND " if index == 0 and len(tiers) > 1 else ""
        whens.append(f"WHEN {guard}t.total >= %s THEN %s")
        params += [d.value(bound), name]
    return "CASE " + " ".join(whens) + " ELSE '' END", params


ENTRY_COLUMNS = "participant_id, regular, bonus, penalty, total, is_fully_verified, below_minimum, tier_name, rank"
TOTALS_TABLE = "ranking_totals"
WORK_MEM = "16MB"


def ranked_sql(vendor: str, inputs: RankingInputs) -> tuple[str, list]:
    """Every participant's entry (``ENTRY_COLUMNS``, stored scale), ranked 1, 2, 2, 4 on the total."""
    d = Dialect(vendor)
    combined_sql, combined_params = _combined(d, inputs)
    tier_sql, tier_params = _tier_case(d, inputs.tiers)
    true = "(t.{0} = 1)"
    sql = f"""
        SELECT t.pid AS participant_id, {d.stored("t.reg")} AS regular, {d.stored("t.bon")} AS bonus,
            {d.stored("t.pen")} AS penalty, {d.stored("t.total")} AS total,
            {true.format("verified")} AS is_fully_verified, {true.format("below")} AS below_minimum,
            {tier_sql} AS tier_name, RANK() OVER (ORDER BY t.total DESC) AS rank
        FROM ({combined_sql}) t"""  # noqa: S608
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
    JOIN organizations_blocmember bm ON bm.organization_id = p.organization_id"""

RUN_ENTRIES = "(SELECT id, participant_id, total FROM scoring_rankingentry WHERE run_id = %s)"


def write_sql(vendor: str, run_id: int, inputs: RankingInputs) -> list[tuple[str, list, bool]]:
    """The statements (sql, params, counts) writing run ``run_id``; the one that counts gives the entry count.

    PostgreSQL runs INSERT … SELECT without parallel workers but CREATE TABLE AS with them, so the entries are
    computed into a temporary table first (about as fast as the bare query), then one statement copies them
    into place and feeds the bloc ranks (members of a bloc only) from its RETURNING rows, not re-reading the
    entries. SQLite (no parallel query, no data-modifying WITH): the entries, then the bloc ranks from them.
    """
    if vendor != "postgresql":
        return [
            (*entries_sql(vendor, run_id, inputs), True),
            (BLOC_RANKS_SQL.format(entries=RUN_ENTRIES), [run_id], False),
        ]
    ranked, params = ranked_sql(vendor, inputs)
    return [
        (f"DROP TABLE IF EXISTS {TOTALS_TABLE}", [], False),
        (f"CREATE TEMPORARY TABLE {TOTALS_TABLE} ON COMMIT DROP AS {ranked}", params, False),
        # Only now, for this transaction: the bloc-rank sort spills to disk at the default 4 MB. Not before the
        # totals: with more memory the planner prefers a parallel hash aggregate there, 0.5 s slower at 100,000.
        ("SELECT set_config('work_mem', %s, true)", [WORK_MEM], False),
        (
            f"""
            WITH written AS (
                INSERT INTO scoring_rankingentry (run_id, {ENTRY_COLUMNS})
                SELECT %s, {ENTRY_COLUMNS} FROM {TOTALS_TABLE}
                RETURNING id, participant_id, total
            ), blocs AS ({BLOC_RANKS_SQL.format(entries="written")})
            SELECT COUNT(*) FROM written""",  # noqa: S608
            [run_id],
            True,
        ),
        (f"DROP TABLE {TOTALS_TABLE}", [], False),  # a savepoint (tests, nested atomic) does not commit it away
    ]


def bare_sql(phase_id: int) -> tuple[str, list]:
    """The minimal query computing the same phase totals and ranks (no caps, tiers, writes): the yardstick."""
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
