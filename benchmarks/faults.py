"""Full-size fault runs; each prints one figure line.

    .venv/bin/python benchmarks/faults.py worker-kills        # 500 certificates, 5 SIGKILLs of a 2-process worker
    .venv/bin/python benchmarks/faults.py redis-outage        # Redis stopped 60 s under 20 autosaving scorers
    .venv/bin/python benchmarks/faults.py concurrent-reviews  # 200 rounds of two reviewers saving one score
    .venv/bin/python benchmarks/faults.py all

Needs DATABASE_URL (PostgreSQL: several processes share the test database) and, for worker-kills, REDIS_URL
(a Redis database used for nothing else); redis-outage starts its own redis-server. Each run is the CI test of
tests/faults/ with full sizes (pytest creates and drops the test database).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = {
    "worker-kills": ("tests/faults/test_worker_kills.py", {"FAULTS_CERTIFICATES": "500", "FAULTS_KILLS": "5"}),
    "redis-outage": ("tests/faults/test_redis_outage.py", {"FAULTS_OUTAGE_SECONDS": "60"}),
    "concurrent-reviews": ("tests/faults/test_concurrent_reviews.py", {"FAULTS_REVIEW_ROUNDS": "200"}),
}


def run(name: str) -> int:
    test, sizes = RUNS[name]
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        env = {**os.environ, **sizes, "FAULTS_REPORT": report.name, "CI_REQUIRE_SERVICES": "1"}
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", test]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
        lines = report.read().strip()
    if result.returncode != 0:
        print(result.stdout[-5000:], result.stderr[-2000:], sep="\n", file=sys.stderr)
    print(lines or f"{name}: no figure (pytest exit status {result.returncode})")
    return result.returncode


def main(argv: list[str]) -> int:
    names = list(RUNS) if argv == ["all"] else argv
    if not names or any(name not in RUNS for name in names):
        print(__doc__, file=sys.stderr)
        return 2
    return max(run(name) for name in names)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
