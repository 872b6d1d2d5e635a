"""Figures of the load test (used by ``run_load.py``): exact percentiles per endpoint, the summary line,
the targets, and where the machine's CPU went during the run (Linux /proc)."""

from __future__ import annotations

import csv
import math
import os
import resource
import threading
from pathlib import Path

TARGET_P95_MS, TARGET_P99_MS = 300, 800
ENDPOINT_ORDER = (
    "scoring page",
    "save criterion (htmx)",
    "leaderboard (campaign)",
    "leaderboard (phase)",
    "my submissions",
    "login (form)",
    "login (POST)",
)
TICKS = os.sysconf("SC_CLK_TCK")
LOGIN = frozenset({"login (form)", "login (POST)"})


def percentile(sorted_ms: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return sorted_ms[max(0, math.ceil(fraction * len(sorted_ms)) - 1)]


def figures(name: str, samples: list[tuple], seconds: float) -> dict:
    times = sorted(sample[1] for sample in samples)
    return {
        "name": name,
        "count": len(times),
        "errors": sum(1 for sample in samples if not sample[2]),
        "rps": len(times) / seconds,
        **{f"p{p}": round(percentile(times, p / 100)) if times else 0 for p in (50, 95, 99)},
        "max": round(times[-1]) if times else 0,
    }


def scenario_exceptions(work: Path) -> list[str]:
    """Errors raised inside the scenario (a failed login stops that user), from Locust's CSV."""
    path = work / "stats_exceptions.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [f"{row['Count']}× {row['Message']}" for row in csv.DictReader(handle)]


def steady(scenario: list[tuple], times: list[tuple], seconds: int) -> dict:
    """The scenario's requests that started after the last login: the ramp-up and its argon2 hashes left out."""
    last_login = max((t[3] for t in times if t[0] in LOGIN), default=0.0)
    steady = [t for t in scenario if t[3] - t[1] / 1000 > last_login]
    end = max((t[3] for t in times), default=last_login)
    return figures("after the last login", steady, min(seconds, end - last_login) or 1)


def report(times: list[tuple], work: Path, *, users: int, seconds: int, cpu: str) -> bool:
    """Print the summary line and the per-endpoint table; True when the targets are met.

    The summary covers the scenario's requests (scoring page, saves, leaderboard, my submissions); the
    one login per user is shown in its own rows and in "all + logins", not in the target figures: it
    costs an argon2 hash by design (~0.1–0.3 s of CPU) and happens once per working session.
    """
    scenario = [t for t in times if t[0] not in LOGIN]
    summary = figures("scenario", scenario, seconds)
    exceptions = scenario_exceptions(work)
    errors = summary["errors"] + sum(int(e.split("×")[0]) for e in exceptions)
    print(
        f"load: {users} users, {seconds} s, {summary['count']} requests, p50 {summary['p50']} ms, "
        f"p95 {summary['p95']} ms, p99 {summary['p99']} ms, {errors} errors"
    )
    names = [n for n in ENDPOINT_ORDER if any(t[0] == n for t in times)]
    names += sorted({t[0] for t in times} - set(names))
    rows = [figures(n, [t for t in times if t[0] == n], seconds) for n in names]
    rows += [summary, figures("all + logins", times, seconds), steady(scenario, times, seconds)]
    print(f"{'endpoint':<24}{'requests':>9}{'errors':>7}{'req/s':>7}{'p50':>6}{'p95':>6}{'p99':>6}{'max':>7}  (ms)")
    for row in rows:
        print(
            f"{row['name']:<24}{row['count']:>9}{row['errors']:>7}{row['rps']:>7.1f}"
            f"{row['p50']:>6}{row['p95']:>6}{row['p99']:>6}{row['max']:>7}"
        )
    for line in exceptions:
        print(f"exception in the scenario: {line}")
    failures = work / "stats_failures.csv"
    if failures.exists():
        with failures.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                print(f"error: {row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}")
    missed = []
    if summary["p95"] >= TARGET_P95_MS:
        missed.append(f"p95 {summary['p95']} ms ≥ {TARGET_P95_MS}")
    if summary["p99"] >= TARGET_P99_MS:
        missed.append(f"p99 {summary['p99']} ms ≥ {TARGET_P99_MS}")
    if errors:
        missed.append(f"{errors} errors")
    print(cpu)
    print(f"load average after: {loadavg()} ({os.cpu_count()} CPUs)")
    met = f"targets met (p95 < {TARGET_P95_MS} ms, p99 < {TARGET_P99_MS} ms, 0 errors)"
    print(met if not missed else f"targets missed: {', '.join(missed)}")
    return not missed


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its live children (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime, fields 14 and 15 of stat
    return own + sum(process_cpu(int(child)) for child in children)


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores together."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = values[3] + values[4]  # idle and iowait
    return (sum(values) - idle) / TICKS, sum(values) / TICKS


class BackendSampler(threading.Thread):
    """Samples the CPU of the PostgreSQL backends serving the load database twice a second.

    Backends come and go (Django reconnects after CONN_MAX_AGE), so each one's last sample is kept; one
    already there when sampling starts counts from that first sample, a later one from zero.
    """

    def __init__(self, database: str):
        super().__init__(daemon=True)
        self.marker = f" {database} ".encode()
        self.start_cpu = self._backends()
        self.last: dict[str, float] = dict(self.start_cpu)
        self.done = threading.Event()

    def _backends(self) -> dict[str, float]:
        found = {}
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and self.marker in (entry / "cmdline").read_bytes():
                    found[entry.name] = process_cpu(int(entry.name))
            except OSError:
                continue
        return found

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.last.update(self._backends())

    def seconds(self) -> float:
        self.done.set()
        self.join()
        self.last.update(self._backends())
        return sum(cpu - self.start_cpu.get(pid, 0.0) for pid, cpu in self.last.items())


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_line(before: tuple, after: tuple, database: float, requests: int) -> str:
    """Where the machine's CPU went during the run: gunicorn, PostgreSQL, Locust, and everything else."""
    (g0, l0, (busy0, total0)), (g1, l1, (busy1, total1)) = before, after
    server, client, busy, total = g1 - g0, l1 - l0, busy1 - busy0, total1 - total0
    per_request = f"{1000 * server / requests:.1f} ms a request, logins included" if requests else "no requests"
    return (
        f"cpu during the run: {busy:.0f} of {total:.0f} core-seconds busy; gunicorn {server:.1f} s ({per_request}), "
        f"PostgreSQL {database:.1f} s, locust {client:.1f} s, other processes on the machine "
        f"{busy - server - database - client:.1f} s"
    )


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
