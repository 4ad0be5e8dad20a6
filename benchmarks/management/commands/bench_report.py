"""Print the Markdown tables of one benchmark result file (benchmarks/results-<scale>.json) for docs/performance.md."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

ROOT = Path(__file__).resolve().parents[3]


def _yes(flag):
    return "yes" if flag else "**no**"


class Command(BaseCommand):
    help = "Render benchmarks/results-<scale>.json as Markdown."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="province")
        parser.add_argument("--file", default="")
        parser.add_argument("--compare", default="", help="another scale: list pages whose query counts differ")

    def handle(self, *args, scale, file, compare, **options):
        data = json.loads(Path(file or ROOT / "benchmarks" / f"results-{scale}.json").read_text())
        w = self.stdout.write
        if compare:
            other = json.loads((ROOT / "benchmarks" / f"results-{compare}.json").read_text())
            theirs = {r["page"]: r["queries"] for r in other["pages"]["pages"]}
            mine = {r["page"]: r["queries"] for r in data["pages"]["pages"]}
            differ = [(p, q, theirs.get(p)) for p, q in mine.items() if theirs.get(p) != q]
            w(f"{len(mine)} pages; query counts differ between {scale} and {compare} on {len(differ)}:")
            for page, q, q2 in differ:
                w(f"- {page}: {q} at {scale}, {q2} at {compare}")
            return
        w(
            f"Run of {data.get('started_at', '?')} to {data.get('finished_at', '?')}, {data.get('cpus')} CPUs, {data.get('database')}.\n"
        )
        pages = data.get("pages")
        if pages:
            f = pages["floor"]
            w(
                f"Floor (trivial logged-in view): median {f['median_ms']:.2f} ms, p95 {f['p95_ms']:.2f} ms, "
                f"{f['queries']} queries.\n"
            )
            w(
                "| page | role | status | queries | SQL ms | median ms | p95 ms | median × floor | p95 × floor | n | meets |"
            )
            w("|---|---|---|---|---|---|---|---|---|---|---|")
            for r in pages["pages"]:
                w(
                    f"| {r['page']} | {r['role']} | {r['status']} | {r['queries']} | {r.get('sql_median_ms', float('nan')):.1f} | "
                    f"{r['median_ms']:.1f} | "
                    f"{r['p95_ms']:.1f} | {r['median_ratio']:.1f} | {r['p95_ratio']:.1f} | {r['n']} | {_yes(r['meets'])} |"
                )
            met = sum(1 for r in pages["pages"] if r["meets"])
            w(f"\n{met} of {len(pages['pages'])} pages meet every page target.\n")
        reports = data.get("reports")
        if reports:
            w(
                "| report | gather s | queries | hand SQL s | ratio | same figures | whole task s | task peak RSS MB | meets |"
            )
            w("|---|---|---|---|---|---|---|---|---|")
            for kind, r in reports.items():
                w(
                    f"| {kind} {r['period'][0]}–{r['period'][1]} | {r['gather_s']:.3f} | {r['gather_queries']} | "
                    f"{r['sql_s']:.3f} | {r['ratio']:.2f} | {r['same_figures']} | {r['task']['seconds']:.2f} | "
                    f"{r['task']['peak_rss_mb']:.0f} | {_yes(r['meets'])} |"
                )
            w("")
        pdf = data.get("pdf")
        if pdf:
            w(
                f"Per-unit summary: {pdf['produce_median_s']:.2f} s per report (gather + PDF + workbook, median of "
                f"{pdf['reports']}), PDF rendering alone {pdf['render_pdf_median_s']:.2f} s.\n"
            )
        workers = data.get("workers")
        if workers:
            w(
                f"{workers['reports']} per-unit reports: one worker {workers['1_worker_s']:.1f} s, two workers "
                f"{workers['2_worker_s']:.1f} s, scale-out {workers['scale_out']:.2f} (meets: {_yes(workers['meets'])}).\n"
            )
        load = data.get("load")
        if load:
            w("| load run | users | seconds | requests | req/s | p50 ms | p95 ms | errors |")
            w("|---|---|---|---|---|---|---|---|")
            for name in ("journey_run", "trivial_run"):
                r = load[name]
                w(
                    f"| {name.replace('_run', '')} | {load['users']} | {load['seconds']} | {r['requests']} | "
                    f"{r['rps']:.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['errors']} |"
                )
            w(
                f"\nJourney throughput / trivial throughput: {load['throughput_share']:.2f} "
                f"(gunicorn, {load['gunicorn_workers']} workers; meets: {_yes(load['meets'])}).\n"
            )
