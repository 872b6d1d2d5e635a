"""Benchmark: N certificates through the real task path vs bare WeasyPrint on the same HTML; one JSON line.

    python manage.py bench_certificates --count 1000            # tasks run in-process (eager)
    python manage.py bench_certificates --count 1000 --workers  # enqueued to the broker (REDIS_URL), waits

Builds an issued decision with N recipients under a throw-away organisation, renders, times, then removes its
rows and files. In --workers mode the Celery workers must share this database and MEDIA_ROOT.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from importlib import import_module

from celery import current_app as celery_app
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from awards.decisions.services import wording
from awards.decisions.services.certificates import certificate_data
from awards.decisions.services.issuing import decision_issue
from awards.decisions.tasks import certificate_render_task
from awards.documents import bare_render, certificate_html, html_to_pdf
from awards.enums import RenderStatus
from awards.models import (
    AwardDecision,
    AwardRecord,
    AwardType,
    Certificate,
    DecisionDocument,
    DecisionRecipient,
    Register,
)
from organizations.enums import Gender, OrganizationKind
from organizations.models import Organization, Person
from organizations.services import organization_create

POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = "Render N certificates through the Celery task path and bare WeasyPrint; print one JSON line."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--workers", action="store_true", help="Enqueue to the broker (needs REDIS_URL).")
        parser.add_argument("--timeout", type=int, default=900, help="Seconds to wait for workers.")

    def handle(self, *args, count: int, workers: bool, timeout: int, **options):
        if count < 1:
            raise CommandError("--count must be at least 1")
        if workers and not settings.REDIS_URL:
            raise CommandError("--workers needs REDIS_URL (a broker the workers listen on)")
        organization = organization_create(
            code=f"BENCH{int(time.time() * 1000)}", name="Đơn vị đo hiệu năng", kind=OrganizationKind.UNIT
        )
        decision = None
        previous = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = not workers
        try:
            decision = decision_issue(
                decision=self._draft(organization, count), actor=None, decision_date=date.today(), enqueue=False
            )
            pages = self._pages(decision)
            html_to_pdf(pages[0])  # warm-up, like the bare run below: fonts configured once per process
            ids = list(
                Certificate.objects.filter(recipient__decision=decision).order_by("pk").values_list("pk", flat=True)
            )
            started = time.perf_counter()
            for certificate_id in ids:
                certificate_render_task.delay(certificate_id=certificate_id)
            if workers:
                self._wait(decision, count, timeout)
            seconds = time.perf_counter() - started
            done = Certificate.objects.filter(recipient__decision=decision, status=RenderStatus.DONE).count()
            if done != count:
                raise CommandError(f"only {done} of {count} certificates were rendered")
            bare_seconds = self._bare(pages)
        finally:
            celery_app.conf.task_always_eager = previous
            self._cleanup(organization, decision)
        app_rate, bare_rate = count / seconds, count / bare_seconds
        result = {
            "count": count,
            "app_per_s": round(app_rate, 2),
            "bare_per_s": round(bare_rate, 2),
            "ratio": round(app_rate / bare_rate, 3),
            "seconds": round(seconds, 2),
            "mode": "workers" if workers else "eager",
        }
        self.stdout.write(json.dumps(result))

    def _draft(self, organization, count: int) -> AwardDecision:
        award = AwardType.objects.filter(code="GK_CN").order_by("-valid_from").first()
        if award is None:
            raise CommandError("the catalogue has no GK_CN award (run the migrations)")
        with transaction.atomic():
            decision = AwardDecision.objects.create(
                issuing_organization=organization,
                place="Sóc Trăng",
                authority_name="BAN TUYÊN GIÁO THÀNH ỦY SÓC TRĂNG",
                title="Về việc khen thưởng (đo hiệu năng)",
                legal_basis="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
                article_2=wording.ARTICLE_2,
                article_3=wording.execution_text(organization),
                recipients_of_copies=wording.COPIES,
                signer_name="Lâm Văn Mẫn",
                signer_title="TRƯỞNG BAN",
            )
            people = Person.objects.bulk_create(
                Person(
                    code=f"{organization.code}-{index}",
                    full_name=f"Nguyễn Thị Hồng Nhung {index}",
                    gender=Gender.FEMALE,
                    organization=organization,
                )
                for index in range(count)
            )
            DecisionRecipient.objects.bulk_create(
                DecisionRecipient(
                    decision=decision,
                    person=person,
                    award_type=award,
                    position=index,
                    recipient_name=person.full_name,
                    recipient_detail="Chuyên viên, Ban Tuyên giáo Phường 1",
                    achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
                )
                for index, person in enumerate(people)
            )
        return decision

    def _wait(self, decision, count: int, timeout: int) -> None:
        deadline = time.monotonic() + timeout
        pending = Certificate.objects.filter(recipient__decision=decision).exclude(
            status__in=(RenderStatus.DONE, RenderStatus.FAILED)
        )
        while pending.exists():
            if time.monotonic() > deadline:
                raise CommandError(f"workers did not finish {count} certificates in {timeout} s")
            time.sleep(POLL_SECONDS)

    def _pages(self, decision) -> list[str]:
        """The HTML of every certificate, as the app path builds it."""
        certificates = Certificate.objects.filter(recipient__decision=decision).select_related(
            "recipient__decision__issuing_organization", "recipient__award_type"
        )
        return [certificate_html(certificate_data(certificate)) for certificate in certificates]

    def _bare(self, pages: list[str]) -> float:
        """Bare WeasyPrint on the very same HTML (built beforehand, so only rendering is timed)."""
        bare_render(pages[0])  # the app path is warm too: its font configuration already exists
        started = time.perf_counter()
        for html in pages:
            bare_render(html)
        return time.perf_counter() - started

    def _cleanup(self, organization, decision) -> None:
        """Remove the benchmark's rows (the issued decision, its certificates and registers through their triggers'
        back door) and files."""
        if decision is not None and decision.pk:
            shutil.rmtree(default_storage.path(f"awards/certificates/{decision.pk}"), ignore_errors=True)
            document = DecisionDocument.objects.filter(decision=decision).first()
            if document is not None and document.file:
                default_storage.delete(document.file.name)
        _delete_guarded(decision.pk if decision is not None else None, organization.path)
        Person.objects.filter(organization__path__startswith=organization.path).delete()
        Organization.objects.filter(path__startswith=organization.path).order_by("-depth").delete()


GUARDS = (
    "awards.migrations.0002_issued_decisions_immutable",
    "awards.migrations.0006_certificates_and_registers_immutable",
)


def _delete_guarded(decision_id: int | None, path: str) -> None:
    """Issued decisions, rendered certificates and used registers are protected by triggers; the benchmark's own
    synthetic ones are removed with the triggers paused (PostgreSQL) or dropped and recreated (SQLite)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # skips row triggers
            _raw_delete(cursor, decision_id, path)
            return
        guards = [import_module(name) for name in GUARDS]
        for guard in guards:
            for statement in guard.SQLITE_BACKWARD:
                cursor.execute(statement)
        try:
            _raw_delete(cursor, decision_id, path)
        finally:
            for guard in guards:
                for statement in guard.SQLITE_FORWARD:
                    cursor.execute(statement)


def _raw_delete(cursor, decision_id: int | None, path: str) -> None:
    if decision_id is not None:
        Certificate.objects.filter(recipient__decision_id=decision_id).delete()
        AwardRecord.objects.filter(decision_recipient__decision_id=decision_id).delete()
        DecisionDocument.objects.filter(decision_id=decision_id).delete()
        cursor.execute("DELETE FROM awards_decisionrecipient WHERE decision_id = %s", [decision_id])
        cursor.execute("DELETE FROM awards_awarddecision WHERE id = %s", [decision_id])
    Register.objects.filter(organization__path__startswith=path).delete()
