"""Benchmark: whole crawls, end to end, of a generated news site into PostgreSQL.

    .venv/bin/python tests/benchmarks/bench_e2e.py [--pages 2000] [--json FILE]
        [--extraction-processes N]

Serves a generated site of PAGES article pages (tests/newssite.py: 50-200 KB each, three
templates, with the RSS feeds, listing pages and sitemaps that lead to them) on 127.0.0.1,
starts a throwaway PostgreSQL cluster and runs the real spiders, one ``scrapy crawl``
process each (feeds, listing, sitemaps: each finds a third of the articles), politeness off.
Prints:

- pages/s and articles/s end to end (process start to exit, three start-ups included);
- CPU per article page by stage: start-up, download+parse (Scrapy, Twisted, the entry
  points: what the timers leave), extraction (the article callback), pipelines, database
  (the store pipeline plus the PostgreSQL server's own CPU) (tests/benchmarks/stagetimes.py);
- each crawl's peak RSS, with the dupefilter's size and the scheduler's peak queue;
- on the same pages, in this process: plain ``trafilatura.extract`` and newsetl's
  ``extract_article`` alone, and the ratio of the end-to-end rate to trafilatura's;
- what ftfy, dateparser, language detection, the JSON-LD pass and the rest cost per page;
- the store pipeline alone against a plain ``COPY`` of the same rows into a scratch table;
- the site server's own rate, to show it is not the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, fields
from pathlib import Path

import psycopg
import trafilatura
from psycopg.types.json import Jsonb

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(HERE)]  # this checkout first

from bench_extraction import pages_per_second  # noqa: E402
from bench_pipeline import store  # noqa: E402
from bigsite import serve  # noqa: E402
from helpers import FAST, cluster_pids, empty_database, query  # noqa: E402
from newssite import NewsSite  # noqa: E402

from newsetl.crawling import settings as project_settings  # noqa: E402
from newsetl.extract import extract_article  # noqa: E402
from newsetl.items import Article  # noqa: E402
from newsetl.localdb import throwaway_cluster  # noqa: E402
from newsetl.store import content_hash  # noqa: E402

SPIDERS = ("feeds", "listing", "sitemaps")
CONCURRENCY = 16
SETTINGS = FAST | {
    "CONCURRENT_REQUESTS": str(CONCURRENCY),
    "CONCURRENT_REQUESTS_PER_DOMAIN": str(CONCURRENCY),
    "STORE_TIMEOUT": "60",
}
BASELINE_PAGES = 2000  # at most this many pages for the extraction-only rates
PROFILE_PAGES = 200  # ... and for the cost of each step per page
STAGES = ("startup", "download+parse", "extraction", "pipelines", "database")
TICK = os.sysconf("SC_CLK_TCK")


def server_rate(base: str, paths: list[str], threads: int = 4) -> float:
    """Article pages/s the site serves to ``threads`` keep-alive clients in this process
    (which shares the server's interpreter lock: a lower bound)."""
    host, port = base.removeprefix("http://").split(":")

    def fetch(chunk: list[str]) -> None:
        conn = http.client.HTTPConnection(host, int(port))
        for path in chunk:
            conn.request("GET", path)
            conn.getresponse().read()
        conn.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fetch, [paths[i::threads] for i in range(threads)]))
    return len(paths) / (time.perf_counter() - started)


def postgres_cpu(cluster) -> float:
    """CPU seconds of the cluster: the postmaster, its children alive and those it reaped."""
    postmaster, *children = cluster_pids(cluster)
    total = 0
    for pid in (postmaster, *children):
        try:
            values = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile: the postmaster has its time
            continue
        # utime and stime (fields 14, 15); the postmaster also cutime and cstime (16, 17)
        total += sum(int(v) for v in values[11 : 15 if pid == postmaster else 13])
    return total / TICK


def self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def crawl(spider: str, env: dict, tmp: Path, cluster, processes: int) -> dict:
    """One ``scrapy crawl`` process; its wall time, CPU, peak RSS and final stats.
    ``processes``: EXTRACTION_PROCESSES (set always: the tests' FAST settings turn it off)."""
    stats_file = tmp / f"{spider}-stats.json"
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", "source=bigsite"]
    settings = SETTINGS | {
        "EXTRACTION_PROCESSES": processes,
        "STATS_FILE": stats_file,
        "LOG_FILE": tmp / f"{spider}.log",
        "SPOOL_DIR": tmp / "spool",
    }
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    pg_before, server_before = postgres_cpu(cluster), self_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603 - our own command
    _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode or not stats_file.exists():
        log = (tmp / f"{spider}.log").read_text()[-3000:]
        raise RuntimeError(f"scrapy crawl {spider} exited {process.returncode}:\n{log}")
    stats = json.loads(stats_file.read_text())
    cpu = {key.removeprefix("bench/cpu/"): v for key, v in stats.items() if "/cpu/" in key}
    pipelines = {k.removeprefix("pipelines/"): v for k, v in cpu.items() if "pipelines/" in k}
    # the extraction pool's fork server outlives the crawl: not in the crawl's rusage
    total = usage.ru_utime + usage.ru_stime + cpu.get("children_alive", 0.0)
    store_client, postgres = pipelines.get("store", 0.0), postgres_cpu(cluster) - pg_before
    stages = {
        "startup": cpu.get("startup", 0.0),
        # the callback, and the extraction pool's workers (their start-up included)
        "extraction": cpu.get("callback/parse_article", 0.0) + cpu.get("extraction_workers", 0.0),
        "pipelines": sum(v for k, v in pipelines.items() if k != "store"),
    }
    stages["download+parse"] = total - sum(stages.values()) - store_client
    stages["database"] = store_client + postgres
    return {
        "spider": spider,
        "wall_seconds": round(wall, 2),
        "crawl_seconds": stats["elapsed_time_seconds"],
        "pages": stats.get("downloader/response_count", 0),
        "articles": stats.get("newsetl/store/articles", 0),
        "headlines": stats.get("newsetl/store/headlines", 0),
        "cpu_seconds": round(total, 2),
        "stage_cpu_seconds": {k: round(v, 3) for k, v in stages.items()},
        "pipeline_cpu_seconds": pipelines,
        "postgres_cpu_seconds": round(postgres, 2),
        "server_cpu_seconds": round(self_cpu() - server_before, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "dupefilter_fingerprints": stats.get("bench/dupefilter_fingerprints"),
        "scheduler_peak_pending": stats.get("bench/scheduler_peak_pending"),
    }


def stored_articles(url: str) -> list[Article]:
    """The stored articles as the store pipeline received them."""
    names = [f.name for f in fields(Article) if f.name != "fetched_at"]
    rows = query(url, f"SELECT {', '.join(names)}, last_fetched_at FROM articles ORDER BY id")  # noqa: S608
    return [Article(**dict(zip(names, row[:-1], strict=True)), fetched_at=row[-1]) for row in rows]


COPY_COLUMNS = (
    "id, canonical_url, url, source, title, description, authors, published_at, "
    "published_at_raw, modified_at, modified_at_raw, language, section, tags, body, "
    "image_url, word_count, content_hash, revision, first_fetched_at, last_fetched_at, "
    "title_variants, published_at_source, extracted_by"
)


REVISION_COLUMNS = (
    "article_id, revision, fetched_at, content_hash, title, description, authors, "
    "modified_at, body, word_count"
)


def copy_seconds(url: str, items: list[Article], revisions: bool) -> float:
    """A plain ``COPY`` of the columns the store writes, from the same items, into a scratch
    table like ``articles`` (its indexes included); with ``revisions``, also of the first
    revision rows the store writes beside them into one like ``article_revisions``."""
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for table in ("articles", "article_revisions"):
            conn.execute(f"DROP TABLE IF EXISTS copy_{table}")
            conn.execute(f"CREATE TABLE copy_{table} (LIKE {table} INCLUDING ALL)")
    rows, revision_rows = [], []
    started = time.perf_counter()
    for item in items:
        row = asdict(item)
        row |= {
            "content_hash": content_hash(row),
            "revision": 1,
            "first_fetched_at": item.fetched_at,
            "last_fetched_at": item.fetched_at,
            "article_id": item.id,
        }
        rows.append([row[c] for c in COPY_COLUMNS.split(", ")])
        revision_rows.append([row[c] for c in REVISION_COLUMNS.split(", ")])
    title_variants = COPY_COLUMNS.split(", ").index("title_variants")
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        with cursor.copy(f"COPY copy_articles ({COPY_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                row[title_variants] = Jsonb(row[title_variants])
                copy.write_row(row)
        if revisions:
            copying = f"COPY copy_article_revisions ({REVISION_COLUMNS}) FROM STDIN"
            with cursor.copy(copying) as copy:
                for row in revision_rows:
                    copy.write_row(row)
    return time.perf_counter() - started


def store_vs_copy(url: str, sources: Path) -> dict:
    """Articles/s of the store pipeline alone (batches of 100, an empty database) and of a
    plain COPY of the same rows: into a copy of ``articles`` alone, and with their revision
    rows too (what the store writes)."""
    items = stored_articles(url)
    empty_database(url)
    os.environ["NEWSETL_SOURCES"] = str(sources)
    stored = len(items) / asyncio.run(store(url, items))
    copied = len(items) / copy_seconds(url, items, revisions=False)
    with_revisions = len(items) / copy_seconds(url, items, revisions=True)
    return {
        "rows": len(items),
        "store_rows_s": stored,
        "copy_rows_s": copied,
        "copy_with_revisions_rows_s": with_revisions,
    }


def step_costs(pages: list[tuple[str, str]]) -> dict:
    """Milliseconds and calls per page of each costly step of extraction and the clean and
    normalise pipelines, on ``pages``, by wrapping the functions where they are looked up."""
    import dateparser
    import ftfy
    import htmldate
    import py3langid
    from scrapy.utils.test import get_crawler

    from newsetl.extraction import body, page
    from pipelines.clean import CleanPipeline
    from pipelines.normalize import NormalizePipeline

    steps = {
        "parse (lxml)": (page, "load_html"),
        "JSON-LD pass": (page, "jsonld_nodes"),
        "trafilatura runs": (body.trafilatura, "extract"),
        "readability referee": (body, "try_readability"),
        "htmldate": (htmldate, "find_date"),
        "dateparser": (dateparser, "parse"),
        "language detection (py3langid)": (py3langid, "classify"),
        "ftfy": (ftfy, "fix_text"),
    }
    seconds, calls = Counter(), Counter()

    def timed(name, fn):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - started
                calls[name] += 1

        return run

    originals = {name: getattr(owner, attr) for name, (owner, attr) in steps.items()}
    crawler = get_crawler()
    crawler.stats.open_spider()
    pipelines = [CleanPipeline.from_crawler(crawler), NormalizePipeline.from_crawler(crawler)]
    for html, url in pages[:10]:  # warm-up: models and caches loaded
        extract_article(html, url)
    for name, (owner, attr) in steps.items():
        setattr(owner, attr, timed(name, originals[name]))
    try:
        for html, url in pages:
            started = time.perf_counter()
            article = extract_article(html, url)
            seconds["extraction (all)"] += time.perf_counter() - started
            started = time.perf_counter()
            if article is not None:
                article.source = "bigsite"
                for pipeline in pipelines:
                    article = pipeline.process_item(article)
            seconds["clean + normalize pipelines (all)"] += time.perf_counter() - started
    finally:
        for name, (owner, attr) in steps.items():
            setattr(owner, attr, originals[name])
    return {
        name: {
            "ms_per_page": 1000 * seconds[name] / len(pages),
            "calls_per_page": calls[name] / len(pages),
        }
        for name in (*steps, "extraction (all)", "clean + normalize pipelines (all)")
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages (2000)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--extraction-processes",
        type=int,
        help="EXTRACTION_PROCESSES of the crawls (default: the setting's, one per core)",
    )
    args = parser.parse_args(argv)
    site = NewsSite(args.pages)
    http = serve(site)
    base = f"http://127.0.0.1:{http.server_address[1]}"
    tmp = Path(tempfile.mkdtemp(prefix="newsetl-bench-e2e-"))
    sources = site.sources_file(tmp / "sources.yaml", base)
    paths = site.article_paths()
    processes = args.extraction_processes
    if processes is None:
        processes = project_settings.EXTRACTION_PROCESSES
    result: dict = {
        "pages": args.pages,
        "concurrency": CONCURRENCY,
        "extraction_processes": processes,
    }
    result["server_pages_s"] = server_rate(base, paths[: min(len(paths), 1000)])
    site.fetches.clear()
    try:
        with throwaway_cluster("newsetl-bench-e2e-pg-") as cluster:
            env = os.environ | {
                "DATABASE_URL": cluster.url,
                "NEWSETL_SOURCES": str(sources),
                "SCRAPY_SETTINGS_MODULE": "stagetimes",
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(HERE), os.environ.get("PYTHONPATH")])
                ),
            }
            result["crawls"] = [crawl(spider, env, tmp, cluster, processes) for spider in SPIDERS]
            stored, distinct = query(
                cluster.url, "SELECT count(*), count(DISTINCT url) FROM articles"
            )[0]
            result["articles_stored"], result["articles_distinct_urls"] = stored, distinct
            result["articles_fetched_twice"] = sum(site.fetches[p] > 1 for p in paths)
            result["articles_not_fetched"] = sum(site.fetches[p] == 0 for p in paths)
            result["store_vs_copy"] = store_vs_copy(cluster.url, sources)
    finally:
        http.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    pages = [
        (site.article(n, base), base + site.path(n)) for n in range(min(args.pages, BASELINE_PAGES))
    ]
    for html, url in pages[:20]:  # warm-up
        extract_article(html, url)
        plain_trafilatura(html, url)
    ours, plain = pages_per_second([extract_article, plain_trafilatura], pages, 1)
    result["extraction_only"] = {
        "pages": len(pages),
        "trafilatura_pages_s": plain,
        "newsetl_pages_s": ours,
    }
    result["step_costs"] = step_costs(pages[:PROFILE_PAGES])
    summarise(result)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


def plain_trafilatura(html: str, url: str) -> None:
    trafilatura.extract(html, url=url, include_comments=False, with_metadata=True)


def summarise(result: dict) -> None:
    crawls = result["crawls"]
    wall = sum(c["wall_seconds"] for c in crawls)
    pages = sum(c["pages"] for c in crawls)
    articles = result["articles_stored"]
    stages = {s: sum(c["stage_cpu_seconds"][s] for c in crawls) for s in STAGES}
    result["end_to_end"] = {
        "seconds": round(wall, 2),
        "pages": pages,
        "pages_s": pages / wall,
        "articles_s": articles / wall,
        "crawling_articles_s": articles / sum(c["crawl_seconds"] for c in crawls),
        "cpu_ms_per_article": {s: 1000 * v / articles for s, v in stages.items()},
        "crawler_cpu_ms_per_article": 1000 * sum(c["cpu_seconds"] for c in crawls) / articles,
        "server_cpu_ms_per_article": 1000 * sum(c["server_cpu_seconds"] for c in crawls) / articles,
        "peak_rss_mib": max(c["peak_rss_mib"] for c in crawls),
    }
    result["ratio_to_trafilatura"] = (
        result["end_to_end"]["articles_s"] / result["extraction_only"]["trafilatura_pages_s"]
    )
    copy = result["store_vs_copy"]
    copy["ratio"] = copy["store_rows_s"] / copy["copy_rows_s"]
    copy["ratio_with_revisions"] = copy["store_rows_s"] / copy["copy_with_revisions_rows_s"]


def report(r: dict) -> None:
    e = r["end_to_end"]
    print(
        f"end to end, {r['pages']:,} article pages, 3 crawls ({', '.join(SPIDERS)}), politeness "
        f"off, {r['concurrency']} concurrent requests, {r['extraction_processes']} extraction "
        f"processes: {e['pages']:,} pages, "
        f"{r['articles_stored']:,} articles stored ({r['articles_distinct_urls']:,} distinct "
        f"URLs, {r['articles_fetched_twice']} fetched twice, {r['articles_not_fetched']} not "
        f"fetched) in {e['seconds']:.1f} s: {e['pages_s']:.1f} pages/s, "
        f"{e['articles_s']:.1f} articles/s ({e['crawling_articles_s']:.1f} articles/s without "
        "the three start-ups)"
    )
    for c in r["crawls"]:
        print(
            f"  {c['spider']}: {c['pages']:,} pages, {c['articles']:,} articles in "
            f"{c['wall_seconds']:.1f} s, {c['cpu_seconds']:.1f} s CPU, peak RSS "
            f"{c['peak_rss_mib']:.0f} MiB, dupefilter {c['dupefilter_fingerprints']:,} "
            f"fingerprints, scheduler peak {c['scheduler_peak_pending']:,} requests"
        )
    costs = ", ".join(f"{s} {v:.1f}" for s, v in e["cpu_ms_per_article"].items())
    print(
        f"CPU ms per article page: {costs} (database: store pipeline + PostgreSQL); crawler "
        f"process {e['crawler_cpu_ms_per_article']:.1f} in all; site server "
        f"{e['server_cpu_ms_per_article']:.1f}"
    )
    x = r["extraction_only"]
    print(
        f"extraction only, one process, the same {x['pages']:,} pages: plain trafilatura "
        f"{x['trafilatura_pages_s']:.1f} pages/s, newsetl extract_article "
        f"{x['newsetl_pages_s']:.1f} pages/s; end to end / trafilatura = "
        f"{r['ratio_to_trafilatura']:.2f}"
    )
    print(f"per page, in this process ({min(r['pages'], PROFILE_PAGES)} pages):")
    for name, cost in r["step_costs"].items():
        calls = f", {cost['calls_per_page']:.2f} calls" if cost["calls_per_page"] else ""
        print(f"  {name}: {cost['ms_per_page']:.2f} ms{calls}")
    s = r["store_vs_copy"]
    print(
        f"store alone: {s['store_rows_s']:,.0f} articles/s; plain COPY of the same rows: "
        f"{s['copy_rows_s']:,.0f} rows/s, ratio {s['ratio']:.2f}; with their revision rows "
        f"(as the store writes them): {s['copy_with_revisions_rows_s']:,.0f} articles/s, "
        f"ratio {s['ratio_with_revisions']:.2f}"
    )
    print(
        f"site server alone: {r['server_pages_s']:.0f} article pages/s "
        f"({r['server_pages_s'] / e['pages_s']:.0f}x the crawl's rate)"
    )


if __name__ == "__main__":
    main()
