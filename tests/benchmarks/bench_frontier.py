"""Benchmark: crawl processes sharing one Redis frontier (newsetl.crawling.frontier).

    .venv/bin/python tests/benchmarks/bench_frontier.py [--workers 1 2] [--pages 1000]

Starts a throwaway PostgreSQL cluster, a redis-server and a generated site of PAGES article
pages on 127.0.0.1; for each number of processes, crawls the site once (an empty database,
a new frontier run) and prints pages/s (from the first process's start to the last article
stored), Redis commands and round trips per page, and the seen-set's memory. Ends with the
memory of a seen-set of a million fingerprints.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: helpers, bigsite

from bigsite import BigSite, serve, sources_file  # noqa: E402
from helpers import FAST, count, empty_database, redis_server, wait_for  # noqa: E402

from newsetl import db  # noqa: E402
from newsetl.crawling.frontier import frontier_key  # noqa: E402
from newsetl.localdb import LocalCluster  # noqa: E402
from newsetl.paths import ROOT  # noqa: E402

SETTINGS = FAST | {
    "FRONTIER_IDLE_SECONDS": "2",
    "LOG_LEVEL": "WARNING",
    "STORE_TIMEOUT": "60",
    "CONCURRENT_REQUESTS": "4",  # as in tests/test_frontier.py: see there
    "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
}


def crawl(workers: int, pages: int, db_url: str, redis_url: str, sources: Path, tmp: Path):
    empty_database(db_url)
    server = redis.Redis.from_url(redis_url)
    server.flushall()
    server.config_resetstat()
    run = uuid.uuid4().hex
    cmd = [sys.executable, "-m", "scrapy", "crawl", "sitemaps", "-a", "source=bigsite"]
    for key, value in (SETTINGS | {"FRONTIER_RUN": run, "SPOOL_DIR": tmp / "spool"}).items():
        cmd += ["-s", f"{key}={value}"]
    env = os.environ | {
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "NEWSETL_SOURCES": str(sources),
    }
    started = time.monotonic()
    processes = [subprocess.Popen(cmd, cwd=ROOT, env=env) for _ in range(workers)]  # noqa: S603
    stored = wait_for(lambda: count(db_url, "articles") >= pages, 300)
    elapsed = time.monotonic() - started
    codes = [process.wait() for process in processes]
    if not stored or any(codes):
        print(f"{workers} process(es): FAILED (exit codes {codes}, not every page stored)")
        return
    stats = server.info("stats")
    commands = stats["total_commands_processed"]
    calls = {
        name.removeprefix("cmdstat_"): value["calls"]
        for name, value in server.info("commandstats").items()
    }
    # A seen-set test and its EXPIRE go in one pipeline: one round trip for the two; the
    # commands SharedPoliteness's script runs inside Redis are part of its EVALSHA's.
    inside = sum(calls.get(name, 0) for name in ("expire", *SCRIPT_COMMANDS))
    round_trips = commands - inside
    seen = server.memory_usage(frontier_key("sitemaps", "bigsite", run) + ":seen")
    print(
        f"{workers} process(es): {pages / elapsed:.1f} pages/s ({elapsed:.1f} s), "
        f"{count(db_url, 'articles')} stored, {round_trips / pages:.1f} Redis round trips per "
        f"page, {commands / pages:.1f} commands "
        f"({', '.join(f'{k} {v}' for k, v in sorted(calls.items()))}), "
        f"seen-set {seen / 1024:.0f} KiB"
    )


SCRIPT_COMMANDS = ("time", "get", "zremrangebyscore", "zcard", "set", "zadd", "pttl", "pexpire")


def seen_set_memory(server: redis.Redis, n: int = 1_000_000) -> None:
    """The memory of a seen-set of ``n`` fingerprints as newsetl stores them (40 hex)."""
    import hashlib

    key = "bench:seen"
    server.delete(key)
    before = server.info("memory")["used_memory"]
    for start in range(0, n, 10_000):
        batch = [hashlib.sha1(str(i).encode()).hexdigest() for i in range(start, start + 10_000)]
        server.sadd(key, *batch)
    used = server.info("memory")["used_memory"] - before
    print(
        f"seen-set of {n:,} fingerprints: {server.memory_usage(key, samples=0) / 2**20:.1f} MiB "
        f"(MEMORY USAGE), {used / 2**20:.1f} MiB more used_memory"
    )
    server.delete(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    site = BigSite(args.pages)
    http = serve(site)
    base = f"http://127.0.0.1:{http.server_address[1]}"
    tmp = Path(tempfile.mkdtemp(prefix="newsetl-bench-frontier-"))
    sources = sources_file(tmp / "sources.yaml", base)
    cluster = LocalCluster(tmp / "pgdata")
    cluster.start()
    try:
        db.migrate(cluster.url)
        with redis_server("newsetl-bench-redis-") as server:
            for workers in args.workers:
                crawl(workers, args.pages, cluster.url, server.url, sources, tmp)
            seen_set_memory(redis.Redis.from_url(server.url))
    finally:
        cluster.wipe()
        http.shutdown()


if __name__ == "__main__":
    main()
