"""Build the load-test situation in an empty database and write a manifest for the Locust scenario.

A provincial board launches a campaign for N wards (each ward a participating unit with its own scorer
login), phase 1 is open today, every ward has a draft submission with about half of its criteria answered,
and the rankings (phase 1 and the whole campaign) are computed, so the officers' leaderboard has rows.

Everything goes through the project's services (organisation, campaign, table, participant, self-scoring,
ranking), as an officer and the wards' scorers would do it; only the users' password hash is computed once
and shared (argon2 takes ~0.1 s a hash, and the database is thrown away after the run).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_load python benchmarks/load_data.py \
        --units 60 --officers 5 --manifest /tmp/manifest.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "ThiDua@2026"  # noqa: S105 - a throwaway database's shared test password (the demo's)
ROOT_CODE = "LOAD-BTG"
PLAN_NUMBER = "01-KH/LOAD"
BLOCS = 3
# (code, text, max points, method, kind, target value) — a 100-point table with every input method.
CRITERIA = (
    ("1", "Công tác nắm bắt, định hướng tư tưởng", 10, "manual", "regular", None),
    ("2", "Công tác tham mưu cho cấp ủy", 10, "manual", "regular", None),
    ("3", "Công tác tuyên truyền, báo cáo viên", 15, "manual", "regular", None),
    ("4", "Số buổi sinh hoạt chính trị tổ chức trong đợt", 10, "target", "regular", 12),
    ("5", "Có kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 5, "boolean", "regular", None),
    ("6", "Công tác khoa giáo, văn hóa – văn nghệ", 20, "manual", "regular", None),
    ("7", "Công tác giáo dục lý luận chính trị", 10, "manual", "regular", None),
    ("8", "Số sáng kiến, mô hình hay được công nhận", 10, "count", "regular", None),
    ("9", "Chế độ thông tin, báo cáo", 10, "manual", "regular", None),
    ("10", "Thành tích đặc biệt xuất sắc", 5, "manual", "bonus", None),
)
TIERS = (("Xuất sắc", Decimal(90)), ("Khá", Decimal(70)), ("Trung bình", Decimal(0)))


def _django() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()


def _organizations(units: int):
    from organizations import services as org
    from organizations.enums import OrganizationKind

    root = org.organization_create(
        code=ROOT_CODE, name="Ban Tuyên giáo Tỉnh ủy (thử tải)", kind=OrganizationKind.PARTY_BODY, parent=None
    )
    wards = [
        org.organization_create(
            code=f"LOAD-P{n:03d}",
            name=f"Ban Tuyên giáo Đảng ủy Phường {n}",
            short_name=f"BTG Phường {n}",
            kind=OrganizationKind.COMMUNE,
            parent=root,
        )
        for n in range(1, units + 1)
    ]
    return root, wards


def _blocs(root, wards, year: int) -> None:
    from organizations import services as org
    from organizations.enums import BlocKind
    from organizations.models import EmulationBloc

    for b in range(BLOCS):
        bloc = EmulationBloc(
            code=f"LOAD-CUM-{b + 1}", year=year, name=f"Cụm thi đua số {b + 1}", kind=BlocKind.CLUSTER, organizer=root
        )
        bloc.full_clean()
        bloc.save()
        for ward in wards[b::BLOCS]:
            org.bloc_member_set(bloc=bloc, organization=ward)


def _users(root, wards, officers: int):
    """Officers of the board and one scorer per ward, all with the same (throwaway) password."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from organizations import services as org
    from organizations.enums import Role

    password = make_password(PASSWORD)
    user_model = get_user_model()
    officer_users = []
    for n in range(1, officers + 1):
        user = user_model.objects.create(username=f"load_officer{n}", password=password, first_name=f"Cán bộ {n}")
        org.membership_grant(user=user, organization=root, role=Role.OFFICER)
        officer_users.append(user)
    scorers = []
    for n, ward in enumerate(wards, start=1):
        user = user_model.objects.create(username=f"load_scorer{n:03d}", password=password, first_name=ward.name)
        org.membership_grant(user=user, organization=ward, role=Role.SCORER)
        scorers.append(user)
    return officer_users, scorers


def _campaign(root, officer, today):
    from campaigns.enums import ParticipantKind, ParticipantScope
    from campaigns.participants import services as ps
    from campaigns.planning import services
    from campaigns.tables import services as ts

    start, end = today - timedelta(days=60), today + timedelta(days=120)
    campaign = services.campaign_create(
        launching_organization=root,
        created_by=officer,
        plan_number=PLAN_NUMBER,
        plan_date=start,
        signer_name="Nguyễn Văn Thử",
        signer_title="Trưởng Ban Tuyên giáo Tỉnh ủy",
        name="Phong trào thi đua thử tải",
        start_date=start,
        end_date=end,
        participant_scope=ParticipantScope.COLLECTIVE,
    )
    services.phase_save(
        campaign=campaign, actor=officer, name="Đợt 1", start_date=start, end_date=today + timedelta(days=30)
    )
    services.phase_save(
        campaign=campaign, actor=officer, name="Đợt 2", start_date=today + timedelta(days=31), end_date=end
    )
    table = ts.table_create(
        campaign=campaign,
        participant_kind=ParticipantKind.COLLECTIVE,
        declared_total=Decimal(100),
        bonus_cap=Decimal(5),
    )
    group = ts.group_save(table=table, code="I", title="Nội dung và thang điểm thi đua")
    for code, text, max_points, method, kind, target in CRITERIA:
        fields = {"target_value": Decimal(target), "target_unit": "buổi"} if target else {}
        if method == "count":
            fields["count_minimum"] = 1
        ts.criterion_save(
            table=table,
            group=group,
            code=code,
            text=text,
            max_points=Decimal(max_points),
            method=method,
            kind=kind,
            **fields,
        )
    ts.tiers_replace(campaign=campaign, tiers=list(TIERS))
    campaign = services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    ps.participants_add_under(campaign=campaign, root=root, include_root=False)
    return campaign


def sample_value(method: str, max_points: Decimal, target: Decimal | None, rng: random.Random):
    """A valid input of the criterion's type, as the service takes it."""
    if method == "boolean":
        return rng.random() < 0.8
    if method == "count":
        return rng.randint(0, 4)
    if method == "target":
        return Decimal(rng.randint(0, int(target * 12 / 10)))
    return Decimal(rng.randint(0, int(max_points) * 4)) / 4


def _submissions(campaign, scorers, rng: random.Random) -> list[dict]:
    """Each ward opens its submission and answers about half of the criteria; returns the manifest rows."""
    from scoring.submissions import services as self_services

    phase = campaign.phases.order_by("position").first()
    by_org = {p.organization_id: p for p in campaign.participants.all()}
    rows = []
    for scorer in scorers:
        ward_id = scorer.memberships.get().organization_id
        submission = self_services.submission_get_or_create(participant=by_org[ward_id], phase=phase)
        scores = list(submission.scores.select_related("criterion").order_by("criterion__position"))
        for score in rng.sample(scores, len(scores) // 2):
            c = score.criterion
            self_services.score_save_self(
                score=score,
                value=sample_value(c.method, c.max_points, c.target_value, rng),
                note="Theo báo cáo sơ kết của đơn vị.",
                expected_version=score.version,
                actor=scorer,
            )
        rows.append(
            {
                "username": scorer.username,
                "submission": submission.pk,
                "criteria": {
                    str(s.pk): {
                        "method": s.criterion.method,
                        "max": str(s.max_points),
                        "target": str(s.criterion.target_value or ""),
                    }
                    for s in scores
                },
            }
        )
    return rows


def _rank(campaign, officer) -> None:
    from scoring.enums import RankingStatus
    from scoring.models import RankingRun
    from scoring.ranking import services as ranking_services

    for phase in (campaign.phases.order_by("position").first(), None):
        run = ranking_services.ranking_request(campaign=campaign, phase=phase, actor=officer)
        ranking_services.ranking_compute(run_id=run.pk)  # a no-op when the eager task already ran it
        run = RankingRun.objects.get(pk=run.pk)
        if run.status != RankingStatus.DONE:
            raise SystemExit(f"The ranking run failed: {run.error}")


def build(*, units: int, officers: int, seed: int = 2026) -> dict:
    """Create the whole situation; returns the manifest (logins, submission ids, leaderboard pages)."""
    from django.urls import reverse
    from django.utils import timezone

    from campaigns.models import Campaign

    if Campaign.objects.filter(plan_number=PLAN_NUMBER).exists():
        raise SystemExit("The load-test data already exists: start from an empty database.")
    rng = random.Random(seed)
    today = timezone.localdate()
    root, wards = _organizations(units)
    _blocs(root, wards, today.year)
    officer_users, scorers = _users(root, wards, officers)
    campaign = _campaign(root, officer_users[0], today)
    scorer_rows = _submissions(campaign, scorers, rng)
    _rank(campaign, officer_users[0])
    phase = campaign.phases.order_by("position").first()
    return {
        "password": PASSWORD,
        "campaign": campaign.pk,
        "scorers": scorer_rows,
        "officers": [u.username for u in officer_users],
        "leaderboards": [
            reverse("scoring:ranking-list", args=[campaign.pk]),
            reverse("scoring:ranking-list-phase", args=[campaign.pk, phase.pk]),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=60, help="participating wards, one scorer login each")
    parser.add_argument("--officers", type=int, default=5)
    parser.add_argument("--manifest", type=Path, required=True, help="where to write the JSON manifest")
    args = parser.parse_args()
    if args.units < 1 or args.officers < 1:
        parser.error("--units and --officers must be at least 1")
    _django()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to the load-test PostgreSQL database.")
    manifest = build(units=args.units, officers=args.officers)
    args.manifest.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"load data: {len(manifest['scorers'])} units with a scorer each, {len(manifest['officers'])} officers, "
        f"campaign {manifest['campaign']}, rankings computed"
    )


if __name__ == "__main__":
    main()
