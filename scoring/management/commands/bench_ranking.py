"""Benchmark the ranking: synthetic campaign, the real ranking task, and the bare SQL yardstick; one JSON line.

Data is created with set-based INSERT … SELECT (outside the timed part) under a unique prefix and deleted
afterwards, so the command can run against a live database.

What is timed: ``ranking_s`` is the whole task (claim, inputs, entries and bloc ranks, publish, commit — so the
deferred foreign-key checks too); ``bare_query_s`` is the bare query with all its rows fetched. Before either is
timed, the data is vacuumed and analysed (PostgreSQL; outside a transaction) and the bare query runs once
untimed, so both read the same warm pages; with ``--repeat`` each counts its best run.
"""

from __future__ import annotations

import json
import resource
import time
import uuid
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from campaigns.models import Campaign, Criterion, CriterionGroup, Phase, ScoringTable, Tier
from organizations.models import EmulationBloc, Organization
from scoring.enums import RankingStatus
from scoring.models import RankingRun
from scoring.ranking import sql as ranking_sql
from scoring.ranking.tasks import ranking_compute_task

BLOCS = 10


def _series(n: int) -> tuple[str, str]:
    """(prefix, FROM item) producing rows i = 1 … n on the current database."""
    if connection.vendor == "postgresql":
        return "", f"generate_series(1, {int(n)}) AS g(i)"
    return f"WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < {int(n)}) ", "g"  # noqa: S608


def _peak_rss_mb() -> int:
    """The process's peak resident set size so far, in MB (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


class Command(BaseCommand):
    help = "Time the ranking task against the bare SQL computing the same totals and ranks; prints one JSON line."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=20000)
        parser.add_argument("--criteria", type=int, default=20)
        parser.add_argument("--repeat", type=int, default=1, help="Runs of each measurement; the best time counts.")
        parser.add_argument("--keep", action="store_true", help="Do not delete the synthetic data afterwards.")

    def handle(self, *args, participants: int, criteria: int, repeat: int, keep: bool, **options):
        if participants < 1 or criteria < 1 or repeat < 1:
            raise CommandError("--participants, --criteria and --repeat must be at least 1.")
        prefix = f"BENCH-{uuid.uuid4().hex[:8]}-"
        campaign = None
        try:
            campaign, phase = self._build(prefix, participants, criteria)
            self._bare(phase.pk)  # warm-up of the pages both read, untimed
            ranking_s = min(self._time_ranking(campaign, phase) for _ in range(repeat))
            bare_s = min(self._bare(phase.pk) for _ in range(repeat))
            scores = self._count(
                "SELECT COUNT(*) FROM scoring_score s JOIN scoring_submission sub "
                "ON sub.id = s.submission_id WHERE sub.phase_id = %s",
                [phase.pk],
            )
        finally:
            if not keep:
                self._clean(prefix, campaign)
        result = {
            "participants": participants,
            "criteria": criteria,
            "scores": scores,
            "ranking_s": round(ranking_s, 3),
            "bare_query_s": round(bare_s, 3),
            "ratio": round(ranking_s / bare_s, 2) if bare_s else None,
            "database": connection.vendor,
            "peak_rss_mb": _peak_rss_mb(),
        }
        self.stdout.write(json.dumps(result))

    # --- data ---------------------------------------------------------------------------------------------

    def _build(self, prefix: str, participants: int, criteria: int) -> tuple[Campaign, Phase]:
        now = timezone.now()
        owner = Organization.objects.create(code=f"{prefix}owner", name="Benchmark", path="/", depth=0)
        start, end = date(2023, 1, 1), date(2023, 12, 31)
        campaign = Campaign.objects.create(
            launching_organization=owner,
            plan_number=f"{prefix}plan",
            plan_date=start,
            signer_name="Benchmark",
            signer_title="Benchmark",
            name="Benchmark",
            start_date=start,
            end_date=end,
            status="launched",
        )
        phase = Phase.objects.create(campaign=campaign, position=1, name="Benchmark", start_date=start, end_date=end)
        table = ScoringTable.objects.create(
            campaign=campaign,
            participant_kind="collective",
            declared_total=Decimal(5 * criteria),
            bonus_cap=Decimal(3),
            penalty_cap=Decimal(2),
        )
        group = CriterionGroup.objects.create(table=table, code="I", title="Benchmark")
        Criterion.objects.bulk_create(
            Criterion(
                table=table,
                group=group,
                position=i,
                code=str(i),
                text=f"Tiêu chí {i}",
                max_points=Decimal(5),
                method="manual",
                kind=self._kind(i, criteria),
                minimum_points=Decimal(1) if i == 1 else None,
            )
            for i in range(1, criteria + 1)
        )
        Tier.objects.bulk_create(
            Tier(table=table, position=p, name=n, lower_bound=Decimal(criteria * b))
            for p, (n, b) in enumerate((("Xuất sắc", 4.5), ("Khá", 3.5), ("Trung bình", 0)))
        )
        blocs = EmulationBloc.objects.bulk_create(
            EmulationBloc(code=f"{prefix}{b}", name=f"Khối {b}", year=2023, organizer=owner) for b in range(BLOCS)
        )
        self._insert_rows(prefix, participants, campaign, phase, table, [b.pk for b in blocs], now)
        self._analyze()
        return campaign, phase

    @staticmethod
    def _analyze() -> None:
        """Statistics, and on PostgreSQL (outside a transaction) hint bits too, as on data that is not brand new."""
        if connection.vendor != "postgresql":
            return
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(
                f"{verb} scoring_score, scoring_submission, campaigns_participant, "
                "organizations_blocmember, campaigns_criterion"
            )

    @staticmethod
    def _kind(i: int, criteria: int) -> str:
        if criteria >= 4 and i == criteria - 1:
            return "bonus"
        if criteria >= 4 and i == criteria:
            return "penalty"
        return "regular"

    def _insert_rows(self, prefix, participants, campaign, phase, table, bloc_ids, now) -> None:
        head, series = _series(participants)
        statements = [
            (
                f"{head}INSERT INTO organizations_organization (code, name, short_name, kind, parent_id, path, depth, "  # noqa: S608
                "is_active, merged_into_id, created_at, updated_at, document_style) "
                f"SELECT %s || i, %s || i, '', 'unit', NULL, '/', 0, TRUE, NULL, %s, %s, 'state' FROM {series}",
                [prefix, "Đơn vị ", now, now],
            ),
            (
                "INSERT INTO campaigns_participant (campaign_id, organization_id, person_id, created_at, updated_at) "
                "SELECT %s, id, NULL, %s, %s FROM organizations_organization WHERE code LIKE %s AND code <> %s",
                [campaign.pk, now, now, f"{prefix}%", f"{prefix}owner"],
            ),
            (  # every hundredth participant never submits: listed as "not submitted", not ranked
                "INSERT INTO scoring_submission (participant_id, phase_id, status, submitted_at, submitted_by_id, "
                "reopened_until, return_reason, reviewed_by_id, reviewed_at, created_at, updated_at, review_stage, "
                "regular_points, relative_points, bonus_points, penalty_points, total, self_total, is_gated, "
                "below_minimum) "
                "SELECT id, %s, 'submitted', %s, NULL, NULL, '', NULL, NULL, %s, %s, 0, 0, 0, 0, 0, 0, 0, FALSE, FALSE "
                "FROM campaigns_participant WHERE campaign_id = %s AND id %% 100 <> 0",
                [phase.pk, now, now, now, campaign.pk],
            ),
            self._scores_sql(now, phase, table),
            self._totals_sql(phase, table),
        ]
        statements += [
            (
                "INSERT INTO organizations_blocmember (bloc_id, organization_id, role, created_at, updated_at) "  # noqa: S608
                "SELECT CASE " + " ".join(f"WHEN p.id %% {BLOCS} = {i} THEN %s" for i in range(BLOCS)) + " END, "
                "p.organization_id, 'member', %s, %s FROM campaigns_participant p WHERE p.campaign_id = %s",
                [*bloc_ids, now, now, campaign.pk],
            ),
        ]
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)

    @staticmethod
    def _scores_sql(now, phase, table) -> tuple[str, list]:
        """One manual score per submission and criterion: typed points (kept as the unit's inputs too), a third of
        them corrected by a reviewer, and the stored result the services would write (net = the counted points;
        under the điểm liệt of a regular criterion flagged)."""
        self_points = "(((sub.id * 37 + c.id * 11) %% 21) * 0.25)"
        verified = "(CASE WHEN (sub.id + c.id) %% 3 = 0 THEN ((sub.id * 13 + c.id * 7) %% 501) * 0.01 END)"
        if connection.vendor == "postgresql":
            inputs = f"jsonb_build_object('points', ({self_points})::text)"
        else:
            inputs = f"json_object('points', CAST({self_points} AS TEXT))"
        net = f"COALESCE({verified}, {self_points})"
        return (
            "INSERT INTO scoring_score (created_at, updated_at, submission_id, criterion_id, max_points, value, "  # noqa: S608
            "target, self_inputs, self_points, self_bonus, self_note, verified_points, review_note, version, net, "
            "bonus, deduction, gated, below_minimum, provisional) "
            f"SELECT %s, %s, sub.id, c.id, c.max_points, NULL, NULL, {inputs}, {self_points}, 0, '', {verified}, '', "
            f"0, {net}, 0, 0, FALSE, (c.kind = 'regular' AND c.minimum_points IS NOT NULL AND "
            f"{net} < c.minimum_points), FALSE "
            "FROM scoring_submission sub CROSS JOIN campaigns_criterion c WHERE sub.phase_id = %s AND c.table_id = %s",
            [now, now, phase.pk, table.pk],
        )

    @staticmethod
    def _totals_sql(phase, table) -> tuple[str, list]:
        """The submissions' stored totals from their scores, as ``points.totals_of`` computes them."""
        pg = connection.vendor == "postgresql"
        greatest, least = ("GREATEST", "LEAST") if pg else ("MAX", "MIN")
        below = "bool_or(s.below_minimum)" if pg else "MAX(s.below_minimum)"

        def total(reg: str, bon: str, pen: str) -> str:
            return f"{greatest}(0, {reg} + {least}({bon}, %s) - {least}({pen}, %s))"

        role = "SUM(CASE WHEN c.kind = '{0}' THEN s.{1} ELSE 0 END)"
        return (
            "UPDATE scoring_submission SET regular_points = a.reg, bonus_points = a.bon, penalty_points = a.pen, "  # noqa: S608
            f"below_minimum = a.below, total = {total('a.reg', 'a.bon', 'a.pen')}, "
            f"self_total = {total('a.sreg', 'a.sbon', 'a.spen')} "
            f"FROM (SELECT s.submission_id AS sid, {role.format('regular', 'net')} AS reg, "
            f"{role.format('bonus', 'net')} AS bon, {role.format('penalty', 'net')} AS pen, "
            f"{role.format('regular', 'self_points')} AS sreg, {role.format('bonus', 'self_points')} AS sbon, "
            f"{role.format('penalty', 'self_points')} AS spen, {below} AS below "
            "FROM scoring_score s JOIN campaigns_criterion c ON c.id = s.criterion_id "
            "JOIN scoring_submission sub ON sub.id = s.submission_id WHERE sub.phase_id = %s "
            "GROUP BY s.submission_id) a WHERE scoring_submission.id = a.sid",
            [table.bonus_cap, table.penalty_cap, table.bonus_cap, table.penalty_cap, phase.pk],
        )

    # --- measurements -------------------------------------------------------------------------------------

    @staticmethod
    def _time_ranking(campaign: Campaign, phase: Phase) -> float:
        run = RankingRun.objects.create(campaign=campaign, phase=phase)
        started = time.perf_counter()
        ranking_compute_task.apply(kwargs={"run_id": run.pk})
        elapsed = time.perf_counter() - started
        run.refresh_from_db()
        if run.status != RankingStatus.DONE:
            raise CommandError(f"The ranking run failed: {run.error}")
        return elapsed

    @staticmethod
    def _bare(phase_id: int) -> float:
        sql, params = ranking_sql.bare_sql(phase_id)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
        return time.perf_counter() - started

    @staticmethod
    def _count(sql: str, params: list) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    @staticmethod
    def _clean(prefix: str, campaign: Campaign | None) -> None:
        """Raw deletes in dependency order (the ORM's cascade would load millions of rows)."""
        statements = []
        if campaign is not None:
            c = [campaign.pk]
            run_ids = "SELECT id FROM scoring_rankingrun WHERE campaign_id = %s"
            participant_ids = "SELECT id FROM campaigns_participant WHERE campaign_id = %s"
            statements += [
                (
                    f"DELETE FROM scoring_rankingblocrank WHERE entry_id IN (SELECT id FROM scoring_rankingentry "  # noqa: S608
                    f"WHERE run_id IN ({run_ids}))",
                    c,
                ),
                (f"DELETE FROM scoring_rankingentry WHERE run_id IN ({run_ids})", c),  # noqa: S608
                ("DELETE FROM scoring_rankingrun WHERE campaign_id = %s", c),
                (
                    "DELETE FROM scoring_score WHERE submission_id IN (SELECT id FROM scoring_submission "
                    "WHERE phase_id IN (SELECT id FROM campaigns_phase WHERE campaign_id = %s))",
                    c,
                ),
                (f"DELETE FROM scoring_submission WHERE participant_id IN ({participant_ids})", c),  # noqa: S608
                ("DELETE FROM campaigns_participant WHERE campaign_id = %s", c),
            ]
        statements.append(
            (
                "DELETE FROM organizations_blocmember WHERE bloc_id IN "
                "(SELECT id FROM organizations_emulationbloc WHERE code LIKE %s)",
                [f"{prefix}%"],
            )
        )
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
        if campaign is not None:
            Campaign.objects.filter(pk=campaign.pk).delete()  # phases, tables, criteria, tiers cascade
        EmulationBloc.objects.filter(code__startswith=prefix).delete()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM organizations_organization WHERE code LIKE %s", [f"{prefix}%"])
