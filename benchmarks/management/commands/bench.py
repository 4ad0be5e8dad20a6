"""The benchmark: pages, report data gathering, per-unit PDF reports with one and two workers, a load run.

Every time is a ratio to a floor measured in the same run: the trivial logged-in view for pages and the load
run, one hand-written SQL statement for the report gathering, one worker for two.
"""

import datetime
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks import pages as page_plan

PARTS = ["pages", "reports", "pdf", "workers", "load"]
TARGET_QUERIES = 20
TARGET_MEDIAN_RATIO = 10
TARGET_P95_RATIO = 25
TARGET_GATHER_RATIO = 1.5
TARGET_PEAK_MB = 500
TARGET_SCALE_OUT = 1.7
TARGET_LOAD_SHARE = 0.30
ROOT = Path(__file__).resolve().parents[3]


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def child_env(**extra):
    env = dict(os.environ)
    env.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
    env.update(extra)
    return env


class Command(BaseCommand):
    help = "Run the benchmark against the current database (fill it with bench_data first); writes benchmarks/results-<scale>.json."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="province", help="label of the data set, used in the result file name")
        parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
        parser.add_argument("--requests", type=int, default=30, help="requests per page (at least 30 for the table)")
        parser.add_argument("--slow-cap", type=float, default=3.0, help="a page slower than this (s) gets 5 requests")
        parser.add_argument("--worker-reports", type=int, default=1000)
        parser.add_argument("--load-seconds", type=int, default=60)
        parser.add_argument("--load-users", type=int, default=50)
        parser.add_argument("--output", default="")
        parser.add_argument("--report-kinds", default="annual,term", help="reports whose gathering is measured")
        parser.add_argument("--tasks", default="annual,term", help="reports whose whole task (PDF too) is run")
        parser.add_argument("--child", default="", help=argparse_hidden())

    def handle(self, *args, **options):
        if options["child"]:
            return self.child(options["child"])
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        parts = [p.strip() for p in options["parts"].split(",") if p.strip()]
        out = Path(options["output"] or ROOT / "benchmarks" / f"results-{options['scale']}.json")
        results = json.loads(out.read_text()) if out.exists() else {}
        results.update({"scale": options["scale"], "database": connection.vendor, "cpus": os.cpu_count()})
        results["started_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        for part in parts:
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {part}"))
            results[part] = getattr(self, f"part_{part}")(options)
            out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
        results["finished_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
        self.stdout.write(self.style.SUCCESS(f"Results written to {out}"))

    def _measure(self, client, path, n, cap):
        times, sql_times, queries, status = [], [], None, None
        for i in range(n):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - start
            times.append(elapsed)
            sql_times.append(sum(float(q["time"]) for q in ctx.captured_queries))
            status = response.status_code
            if status >= 500:
                error = getattr(response, "exc_info", None)
                return {
                    "status": status,
                    "queries": len(ctx.captured_queries),
                    "n": 1,
                    "median_ms": elapsed * 1000,
                    "p95_ms": elapsed * 1000,
                    "error": repr(error[1])[:300] if error else "",
                }
            queries = len(ctx.captured_queries) if queries is None else max(queries, len(ctx.captured_queries))
            if i == 1 and statistics.median(times) > cap:
                break
            reset_queries()
        return {
            "status": status,
            "queries": queries,
            "n": len(times),
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": p95(times) * 1000,
            "sql_median_ms": statistics.median(sql_times) * 1000,
        }

    def part_pages(self, options):
        users = page_plan.users()
        clients = {}
        for role, user in users.items():
            clients[role] = Client(raise_request_exception=False)
            clients[role].force_login(user)
        n, cap = options["requests"], options["slow_cap"]
        trivial_path = reverse("benchmarks:trivial")
        measured, skipped = page_plan.plan()
        rows = []
        floors = []
        # The floor is measured at the start and the end, and the pages between, so drift shows.
        floors.append(self._measure(clients["office"], trivial_path, max(n, 100), cap))
        for label, role, path in measured:
            probe = clients[role].get(path)
            if probe.status_code == 405:
                skipped.append((label, "POST only"))
                continue
            if probe.status_code == 403 and role == "office":
                role = "secretary"  # a page the Office does not reach (a unit's own proposal forms)
            row = self._measure(clients[role], path, n, cap)
            row.update({"page": label, "role": role, "path": path})
            rows.append(row)
            self.stdout.write(
                f"{label:40} {role:10} {row['status']} q={row['queries']:>3} median={row['median_ms']:8.1f} ms "
                f"p95={row['p95_ms']:8.1f} ms n={row['n']}"
            )
        floors.append(self._measure(clients["office"], trivial_path, max(n, 100), cap))
        floor = {
            "median_ms": statistics.mean(f["median_ms"] for f in floors),
            "p95_ms": statistics.mean(f["p95_ms"] for f in floors),
            "queries": floors[0]["queries"],
            "runs": floors,
        }
        for row in rows:
            row["median_ratio"] = row["median_ms"] / floor["median_ms"]
            row["p95_ratio"] = row["p95_ms"] / floor["p95_ms"]
            row["meets"] = (
                row["status"] == 200
                and row["queries"] <= TARGET_QUERIES
                and row["median_ratio"] <= TARGET_MEDIAN_RATIO
                and row["p95_ratio"] <= TARGET_P95_RATIO
                and row["n"] >= 30
            )
        self.stdout.write("")
        self.stdout.write(
            f"trivial view: median {floor['median_ms']:.2f} ms, p95 {floor['p95_ms']:.2f} ms, {floor['queries']} queries"
        )
        self.stdout.write(
            f"{'page':40} {'role':10} {'st':>3} {'q':>3} {'med ms':>8} {'p95 ms':>8} {'med x':>6} {'p95 x':>6} ok"
        )
        for row in rows:
            self.stdout.write(
                f"{row['page']:40} {row['role']:10} {row['status']:>3} {row['queries']:>3} {row['median_ms']:8.1f} "
                f"{row['p95_ms']:8.1f} {row['median_ratio']:6.1f} {row['p95_ratio']:6.1f} {'yes' if row['meets'] else 'NO'}"
            )
        return {"floor": floor, "pages": rows, "not_measured": skipped}

    def part_reports(self, options):
        out = {}
        tasks = [k for k in options["tasks"].split(",") if k]
        for kind in [k for k in options["report_kinds"].split(",") if k]:
            gather = self._run_child(f"gather:{kind}")
            skipped = {"seconds": float("nan"), "peak_rss_mb": float("nan"), "status": "not run"}
            task = self._run_child(f"task:{kind}") if kind in tasks else skipped
            ratio = gather["gather_s"] / gather["sql_s"]
            out[kind] = {
                **gather,
                "ratio": ratio,
                "task": task,
                "meets": ratio <= TARGET_GATHER_RATIO and task["peak_rss_mb"] < TARGET_PEAK_MB,
            }
            self.stdout.write(
                f"{kind}: gather {gather['gather_s']:.3f} s ({gather['gather_queries']} queries), hand SQL "
                f"{gather['sql_s']:.3f} s, ratio {ratio:.2f}; whole task {task['seconds']:.2f} s, peak RSS "
                f"{task['peak_rss_mb']:.0f} MB (gathering alone {gather['peak_rss_mb']:.0f} MB)"
            )
        return out

    def _run_child(self, what):
        cmd = [sys.executable, str(ROOT / "manage.py"), "bench", "--child", what]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=child_env(), cwd=ROOT, check=False)  # noqa: S603
        if proc.returncode != 0:
            raise RuntimeError(f"child {what} failed:\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def child(self, what):
        from benchmarks import handsql
        from reports.data import gather
        from reports.periods import default_period, previous_period

        action, kind = what.split(":")
        year = _last_plan_year()
        if kind == "term":
            start, end = default_period("term", year=year - 4, last_year=year)
        else:
            start, end = default_period("annual", year=year)
        if action == "gather":
            prev = previous_period(kind, start, end)
            gather_times, sql_times, queries = [], [], 0
            for _ in range(3):  # alternate, so both see the same cache state
                t = time.perf_counter()
                with CaptureQueriesContext(connection) as ctx:
                    data = gather(kind=kind, start=start, end=end)
                    rows = sum(len(list(_rows(tb))) for tb in data.tables)
                gather_times.append(time.perf_counter() - t)
                queries = len(ctx.captured_queries)
                t = time.perf_counter()
                figures = handsql.run(start=start, end=end, prev_start=prev[0], prev_end=prev[1])
                sql_times.append(time.perf_counter() - t)
            check = {
                "units_total": (data.overview["units_total"], figures["overview"]["units_total"]),
                "pledged": (data.overview["pledged"], figures["overview"]["pledged"]),
                "results_accepted": (data.overview["results_accepted"], figures["overview"]["results_accepted"]),
                "late": (data.overview["late"], figures["overview"]["late"]),
                "ranking_rows": (len(list(_rows(data.table("rankings")))), len(figures["rankings"] or [])),
                "late_rows": (len(list(_rows(data.table("late")))), len(figures["late"] or [])),
            }
            result = {
                "period": [start.isoformat(), end.isoformat()],
                "gather_s": statistics.median(gather_times),
                "sql_s": statistics.median(sql_times),
                "gather_runs": gather_times,
                "sql_runs": sql_times,
                "gather_queries": queries,
                "table_rows": rows,
                "same_figures": all(a == b for a, b in check.values()),
                "check": check,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        else:
            from reports.models import Report
            from reports.production import produce_report

            Report.objects.filter(kind=kind, period_start=start, period_end=end).delete()
            report = Report.objects.create(kind=kind, period_start=start, period_end=end)
            base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            t = time.perf_counter()
            status = produce_report(report_id=report.pk)
            result = {
                "status": status,
                "seconds": time.perf_counter() - t,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rss_before_mb": base,
            }
        self.stdout.write(json.dumps(result, default=str))

    def _unit_ids(self, n):
        from emulation.models import Unit

        return list(
            Unit.objects.filter(is_active=True, level__in=["committee", "cell"])
            .order_by("pk")
            .values_list("pk", flat=True)[:n]
        )

    def part_pdf(self, options):
        from emulation.models import Unit
        from reports.data import gather
        from reports.models import Report
        from reports.pdf import render_report_pdf
        from reports.production import produce_report

        year = _last_plan_year()
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        ids = self._unit_ids(10)
        Report.objects.filter(kind="unit", period_start=start, unit_id__in=ids).delete()
        whole, render = [], []
        for uid in ids:
            report = Report.objects.create(kind="unit", period_start=start, period_end=end, unit_id=uid)
            t = time.perf_counter()
            produce_report(report_id=report.pk)
            whole.append(time.perf_counter() - t)
            data = gather(kind="unit", start=start, end=end, unit=Unit.objects.get(pk=uid))
            t = time.perf_counter()
            render_report_pdf(report, data)
            render.append(time.perf_counter() - t)
        result = {
            "reports": len(ids),
            "produce_median_s": statistics.median(whole),
            "render_pdf_median_s": statistics.median(render),
            "produce_runs": whole,
        }
        self.stdout.write(
            f"per-unit report: {result['produce_median_s']:.3f} s each (gather + PDF + workbook), "
            f"PDF rendering alone {result['render_pdf_median_s']:.3f} s"
        )
        return result

    def part_workers(self, options):
        redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
        n = options["worker_reports"]
        result = {"reports": n, "broker": redis_url}
        for workers in (1, 2):
            seconds = self._worker_run(workers, n, redis_url)
            result[f"{workers}_worker_s"] = seconds
            self.stdout.write(f"{n} per-unit reports with {workers} worker(s): {seconds:.1f} s")
        result["scale_out"] = result["1_worker_s"] / result["2_worker_s"]
        result["meets"] = result["scale_out"] >= TARGET_SCALE_OUT
        self.stdout.write(f"scale-out ratio: {result['scale_out']:.2f}")
        return result

    def _worker_run(self, workers, n, redis_url):
        from reports.models import Report, idempotency_key

        year = _last_plan_year() - 1
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        ids = self._unit_ids(n)
        self._clear_unit_reports(start)
        Report.objects.bulk_create(
            [
                Report(
                    kind="unit",
                    period_start=start,
                    period_end=end,
                    unit_id=uid,
                    key=idempotency_key("unit", start, end, uid),
                )
                for uid in ids
            ]
        )
        report_ids = list(Report.objects.filter(kind="unit", period_start=start).values_list("pk", flat=True))
        env = child_env(REDIS_URL=redis_url)
        logdir = Path(tempfile.mkdtemp(prefix="bench-workers-"))
        procs = []
        for w in range(workers):
            log = open(logdir / f"worker{w}.log", "w")  # noqa: SIM115 - closed below
            procs.append(
                (
                    subprocess.Popen(  # noqa: S603
                        [
                            str(Path(sys.executable).parent / "celery"),
                            "-A",
                            "emulation",
                            "worker",
                            "--concurrency",
                            "1",
                            "-n",
                            f"bench{w}@%h",
                            "-l",
                            "warning",
                            "--without-gossip",
                            "--without-mingle",
                            "--without-heartbeat",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    ),
                    log,
                )
            )
        try:
            time.sleep(6)  # let the workers connect before the clock starts
            from celery import Celery

            app = Celery("bench", broker=redis_url)
            t = time.perf_counter()
            for rid in report_ids:
                app.send_task("reports.tasks.generate_report", args=[rid])
            deadline = t + 3600
            while time.perf_counter() < deadline:
                left = Report.objects.filter(pk__in=report_ids).exclude(state__in=["done", "failed"]).count()
                if left == 0:
                    break
                time.sleep(0.5)
            seconds = time.perf_counter() - t
            failed = Report.objects.filter(pk__in=report_ids, state="failed").count()
            if failed:
                self.stdout.write(self.style.WARNING(f"{failed} reports failed"))
        finally:
            for proc, _log in procs:
                os.killpg(proc.pid, signal.SIGTERM)
            for proc, log in procs:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                log.close()
        self._clear_unit_reports(start)
        shutil.rmtree(logdir, ignore_errors=True)
        return seconds

    def _clear_unit_reports(self, start):
        from reports.models import Report

        for report in Report.objects.filter(kind="unit", period_start=start).iterator():
            for f in (report.pdf, report.xlsx):
                if f:
                    f.delete(save=False)
        Report.objects.filter(kind="unit", period_start=start).delete()

    def part_load(self, options):
        from django.contrib.sessions.backends.db import SessionStore  # noqa: F401 - the sessions gunicorn reads

        users = page_plan.users()
        objs = page_plan.objects()
        cookies = {}
        for role in ("office", "secretary", "council"):
            c = Client()
            c.force_login(users[role])
            cookies[role] = c.cookies[settings.SESSION_COOKIE_NAME].value
        journey = [
            ("secretary", reverse("home")),
            ("secretary", reverse("campaigns:pledge_list")),
            ("secretary", reverse("campaigns:pledge_detail", args=[objs["own_pledge"] or objs["pledge"]])),
            ("secretary", reverse("campaigns:result_list")),
            ("secretary", reverse("awards:proposal_list")),
            ("office", reverse("home")),
            ("office", reverse("campaigns:plan_tracking", args=[objs["plan"]])),
            ("office", reverse("awards:proposal_list") + "?state=submitted"),
            ("office", reverse("campaigns:result_list")),
            ("office", reverse("reports:list")),
            ("council", reverse("home")),
            ("council", reverse("awards:ballot_list")),
            ("council", reverse("awards:ballot_detail", args=[objs["ballot"]])),
            ("council", reverse("awards:notice_list")),
        ]
        port = int(os.environ.get("BENCH_PORT", "8765"))
        seconds, users_n = options["load_seconds"], options["load_users"]
        env = child_env(REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/6"))
        workers = int(os.environ.get("BENCH_GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
        gunicorn = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "emulation.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            time.sleep(5)
            result = {
                "gunicorn_workers": workers,
                "users": users_n,
                "seconds": seconds,
                "journey": [{"role": r, "path": p} for r, p in journey],
            }
            result["journey_run"] = self._wrk(port, [(p, cookies[r]) for r, p in journey], seconds, users_n)
            result["trivial_run"] = self._wrk(
                port, [(reverse("benchmarks:trivial"), cookies["office"])], seconds, users_n
            )
        finally:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
        j, tr = result["journey_run"], result["trivial_run"]
        result["throughput_share"] = j["rps"] / tr["rps"] if tr["rps"] else None
        result["meets"] = j["errors"] == 0 and (result["throughput_share"] or 0) >= TARGET_LOAD_SHARE
        for name in ("journey_run", "trivial_run"):
            r = result[name]
            self.stdout.write(
                f"{name}: {r['rps']:.1f} req/s, p95 {r['p95_ms']:.1f} ms, {r['requests']} requests, {r['errors']} errors"
            )
        self.stdout.write(f"journey throughput / trivial throughput: {result['throughput_share']:.2f}")
        return result

    def _wrk(self, port, requests, seconds, connections):
        lines = ",\n".join(
            "{" + json.dumps(path) + ", " + json.dumps(f"{settings.SESSION_COOKIE_NAME}={cookie}") + "}"
            for path, cookie in requests
        )
        script = f"""
local reqs = {{
{lines}
}}
local counter = 0
local thread_id = 0
local threads = {{}}
function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end
function init(args)
  counter = tid * 7
end
function request()
  counter = counter + 1
  local r = reqs[(counter % #reqs) + 1]
  return wrk.format("GET", r[1], {{["Cookie"] = r[2], ["Host"] = "127.0.0.1"}})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCHJSON {{"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, "timeouts": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(script)
        try:
            proc = subprocess.run(  # noqa: S603
                [
                    shutil.which("wrk") or "/usr/bin/wrk",
                    "-t",
                    "2",
                    "-c",
                    str(connections),
                    "-d",
                    f"{seconds}s",
                    "--timeout",
                    "10s",
                    "-s",
                    f.name,
                    f"http://127.0.0.1:{port}",
                ],
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            os.unlink(f.name)
        line = next(x for x in proc.stdout.splitlines() if x.startswith("BENCHJSON"))
        data = json.loads(line.split(" ", 1)[1])
        data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
        return data


def _rows(table):
    rows = table.rows
    return rows() if callable(rows) else rows


def _last_plan_year():
    from campaigns.models import YearPlan

    return YearPlan.objects.order_by("-year").values_list("year", flat=True).first() or datetime.date.today().year


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
