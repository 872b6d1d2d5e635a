"""Build the load-test situation in an empty database and write a manifest for the Locust scenario.

A provincial board launches a campaign for N wards (each ward a participating unit with its own scorer
login), phase 1 is open today, every ward has a draft submission with about half of its criteria answered,
and the rankings (phase 1 and the whole campaign) are computed, so the officers' leaderboard has rows.

The table is rule-based, as real tables are (``table_spec``): nested groups, every base method a unit types into,
deductions and bonuses per occurrence or once (with their caps and the criterion's shared cap), a yes/no either, a
step bonus, a gate and a bonus criterion. The manifest gives, per score, the fields of its form (name, kind and
range), so the Locust scenario posts answers as the page does.

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
TIERS = (("Xuất sắc", Decimal(90)), ("Khá", Decimal(70)), ("Trung bình", Decimal(0)))
D = Decimal


def table_spec():
    """A 100-point rule-based table (two standards, the first in two sections) and a bonus criterion."""
    from campaigns import points as pt

    deduction, bonus, once, each = pt.RuleKind.DEDUCTION, pt.RuleKind.BONUS, pt.Per.ONCE, pt.Per.OCCURRENCE
    bands = tuple(
        pt.Band(lower=D(lower), below=None if below is None else D(below), points=D(points))
        for lower, below, points in ((98, None, 10), (95, 98, 8), (90, 95, 6), (0, 90, 3))
    )
    section_a = (
        pt.CriterionSpec(
            code="1.1",
            text="Chế độ thông tin, báo cáo",
            standard_points=D(10),
            deduction_cap=D(3),
            rules=(
                pt.RuleSpec(code="1.1a", kind=deduction, per=each, points=D("0.5"), cap=D(2), text="Mỗi báo cáo chậm"),
                pt.RuleSpec(code="1.1b", kind=deduction, per=once, points=D(1), text="Không có kế hoạch năm"),
            ),
        ),
        pt.CriterionSpec(
            code="1.2",
            text="Số buổi sinh hoạt chính trị (chỉ tiêu 12)",
            standard_points=D(10),
            base=pt.BaseSpec(kind=pt.BaseKind.TARGET, target=D(12), input_label="Số buổi"),
            rules=(
                pt.RuleSpec(
                    code="1.2a",
                    kind=pt.RuleKind.STEP_BONUS,
                    above=D(12),
                    step=D(1),
                    points=D("0.25"),
                    cap=D(1),
                    text="Mỗi buổi vượt chỉ tiêu",
                ),
            ),
        ),
        pt.CriterionSpec(
            code="1.3",
            text="Giải quyết văn bản đúng hạn",
            standard_points=D(10),
            base=pt.BaseSpec(kind=pt.BaseKind.BANDS, bands=bands, input_label="Tỷ lệ đúng hạn (%)"),
        ),
    )
    section_b = (
        pt.CriterionSpec(
            code="1.4",
            text="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            standard_points=D(10),
            base=pt.BaseSpec(
                kind=pt.BaseKind.YES_NO_PARTS,
                parts=(
                    pt.Part(code="1.4a", points=D(6), text="Có kế hoạch"),
                    pt.Part(code="1.4b", points=D(4), text="Có sơ kết"),
                ),
            ),
        ),
        pt.CriterionSpec(
            code="1.5",
            text="Sáng kiến, mô hình hay được công nhận (tối thiểu 4)",
            standard_points=D(10),
            base=pt.BaseSpec(kind=pt.BaseKind.COUNT_MINIMUM, minimum=4, partial=True, input_label="Số sáng kiến"),
            rules=(
                pt.RuleSpec(
                    code="1.5a", kind=bonus, per=each, points=D("0.5"), cap=D(1), text="Mỗi sáng kiến cấp tỉnh"
                ),
            ),
        ),
        pt.CriterionSpec(
            code="1.6",
            text="Công tác khoa giáo, văn hóa – văn nghệ",
            standard_points=D(10),
            base=pt.BaseSpec(kind=pt.BaseKind.MANUAL),
            rules=(
                pt.RuleSpec(
                    code="1.6a", kind=pt.RuleKind.EITHER, bonus=D("0.5"), deduction=D(1), text="Có tổng kết chuyên đề"
                ),
            ),
        ),
    )
    standard_two = (
        pt.CriterionSpec(
            code="2.1", text="Công tác tuyên truyền, báo cáo viên", standard_points=D(20),
            rules=(
                pt.RuleSpec(code="2.1a", kind=deduction, per=each, points=D(1), cap=D(4), text="Mỗi tin bài sai sót"),
                pt.RuleSpec(code="2.1b", kind=bonus, per=once, points=D(1), only_without_deductions=True,
                            text="Được biểu dương"),
            ),
        ),
        pt.CriterionSpec(
            code="2.2", text="Công tác giáo dục lý luận chính trị", standard_points=D(20),
            base=pt.BaseSpec(kind=pt.BaseKind.MANUAL),
            rules=(pt.RuleSpec(code="2.2a", kind=pt.RuleKind.GATE, text="Để xảy ra vi phạm nghiêm trọng"),),
        ),
        pt.CriterionSpec(code="3.1", text="Thành tích đặc biệt xuất sắc", standard_points=D(5), role=pt.Role.BONUS,
                         base=pt.BaseSpec(kind=pt.BaseKind.MANUAL)),
    )  # fmt: skip
    return pt.TableSpec(
        groups=(
            pt.GroupSpec(
                code="I",
                name="Tiêu chuẩn I: Công tác chuyên môn",
                groups=(
                    pt.GroupSpec(code="I.A", name="Mục A", criteria=section_a),
                    pt.GroupSpec(code="I.B", name="Mục B", criteria=section_b),
                ),
            ),
            pt.GroupSpec(code="II", name="Tiêu chuẩn II: Công tác tuyên truyền, giáo dục", criteria=standard_two),
        ),
        tiers=tuple(pt.Tier(name, lower) for name, lower in TIERS),
        bonus_cap=D(5),
    )


def form_fields(criterion) -> dict[str, list[str]]:
    """The fields of a criterion's form as the scenario types into them: name → [kind, largest sensible value],
    kind "yes_no", "gate" (a yes/no that makes the unit not classified), "whole" or "number"; the name is without
    the row's ``s<pk>-`` prefix."""
    from campaigns import points as pt
    from scoring.submissions.forms import answer_fields

    base = criterion.base
    largest = {
        pt.BaseKind.TARGET: (base.target or D(0)) * D("1.3"),
        pt.BaseKind.BANDS: D(100),
        pt.BaseKind.COUNT_MINIMUM: D((base.minimum or 0) + 2),
        pt.BaseKind.MANUAL: criterion.standard_points,
    }.get(base.kind, D(3))
    gates = {f"rule_{rule.code}" for rule in criterion.rules if rule.kind is pt.RuleKind.GATE}
    fields = {}
    for name, field in answer_fields(criterion).items():
        if name in gates:
            fields[name] = ["gate", ""]
        elif hasattr(field, "choices"):
            fields[name] = ["yes_no", ""]
        elif name.startswith("rule_"):
            fields[name] = ["whole", "2"]  # occurrences: mostly none
        else:
            fields[name] = ["whole" if field.widget.attrs.get("inputmode") == "numeric" else "number", str(largest)]
    return fields


def sample_typed(fields: dict[str, list[str]], rng: random.Random) -> dict[str, str]:
    """What a person types into those fields (decimal commas half of the time); the scenario does the same."""
    typed = {}
    for name, (kind, largest) in fields.items():
        if kind == "gate":
            typed[name] = "yes" if rng.random() < 0.02 else "no"
        elif kind == "yes_no":
            typed[name] = "yes" if rng.random() < 0.7 else "no"
        elif kind == "whole" and name.startswith("rule_"):
            typed[name] = str(rng.choice((0, 0, 0, 1, 2)))
        elif kind == "whole":
            typed[name] = str(rng.randint(0, int(D(largest))))
        else:
            text = format(D(rng.randint(0, int(D(largest) * 4))) / 4, "f")
            typed[name] = text.replace(".", ",") if rng.random() < 0.5 else text
    return typed


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
    ts.table_replace(campaign=campaign, participant_kind=ParticipantKind.COLLECTIVE, spec=table_spec())
    campaign = services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    ps.participants_add_under(campaign=campaign, root=root, include_root=False)
    return campaign


def _submissions(campaign, scorers, rng: random.Random) -> list[dict]:
    """Each ward opens its submission and answers about half of the criteria; returns the manifest rows."""
    from campaigns.tables.spec import criterion_spec
    from scoring.submissions import services as self_services
    from scoring.submissions.forms import answers_from

    phase = campaign.phases.order_by("position").first()
    by_org = {p.organization_id: p for p in campaign.participants.all()}
    rows = []
    for scorer in scorers:
        ward_id = scorer.memberships.get().organization_id
        submission = self_services.submission_get_or_create(participant=by_org[ward_id], phase=phase)
        scores = list(submission.scores.select_related("criterion").prefetch_related("criterion__rules"))
        specs = {s.pk: criterion_spec(s.criterion, s.criterion.rules.all()) for s in scores}
        fields = {s.pk: form_fields(specs[s.pk]) for s in scores}
        for score in rng.sample(scores, len(scores) // 2):
            self_services.score_save_self(
                score=score,
                inputs=answers_from(specs[score.pk], sample_typed(fields[score.pk], rng)),
                note="Theo báo cáo sơ kết của đơn vị.",
                expected_version=score.version,
                actor=scorer,
            )
        rows.append(
            {
                "username": scorer.username,
                "submission": submission.pk,
                "criteria": {str(s.pk): {"code": s.criterion.code, "fields": fields[s.pk]} for s in scores},
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
