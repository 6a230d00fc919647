"""Running a crawl as a ``scrapy crawl`` subprocess and judging it from its final stats: one
implementation for ``newsetl crawl``, the Airflow crawl task, ``make demo`` and ``scrapy
crawl``'s exit status (``newsetl.crawling.commands.crawl``). It imports no Airflow.

A crawl that leaves data outside the database never ends green (:func:`data_left_behind`);
:func:`crawl_problems` adds what an operator must look at besides (errors, zero items, a
spider that did not finish).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsetl.crawling import STORE_FAILED
from newsetl.paths import ROOT

log = logging.getLogger(__name__)
# Scrapy settings for crawling the bundled demo site (``make demo``, ``make airflow-demo``):
# it is local, so no politeness delay is needed.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
}


def data_left_behind(stats: dict) -> list[str]:
    """Why the crawl's data is not all in the database (empty: it is)."""
    problems = []
    if stats.get("finish_reason") == STORE_FAILED:
        problems.append(
            "the crawl stopped early: neither the database nor the spool could take items"
        )
    if lost := stats.get("newsetl/store/lost", 0):
        problems.append(f"{lost} items lost (stored nowhere; their URLs are in the log)")
    if quarantined := stats.get("newsetl/spool/quarantined", 0):
        problems.append(
            f"{quarantined} batches refused by the database and quarantined "
            "(the spool's quarantine/ folder holds them with the error beside each)"
        )
    if waiting := stats.get("newsetl/spool/size", 0):
        problems.append(
            f"database unreachable: {waiting} items wait in the spool "
            "(the next crawl replays them once the database answers)"
        )
    return problems


# The stats a crawl task prints in its summary line, in this order.
SUMMARY_STATS = (
    "finish_reason",
    "elapsed_time_seconds",
    "downloader/request_count",
    "item_scraped_count",
    "item_dropped_count",
    "newsetl/store/headlines",
    "newsetl/store/articles",
    "newsetl/store/spooled",
    "newsetl/articles/already_stored",
    "log_count/ERROR",
    "newsetl/crawl_run_id",
)


class CrawlFailed(Exception):
    """The crawl ran but its result is not acceptable; the message lists why."""

    def __init__(self, message: str, problems: list[str], stats: dict | None):
        super().__init__(message)
        self.problems = problems
        self.stats = stats


def scrapy_command(
    spider: str,
    source: str | None,
    stats_file: Path,
    settings: dict | None = None,
    refetch: bool = False,
    options: Sequence[str] = (),
) -> list[str]:
    """``scrapy crawl SPIDER -a source=NAME [OPTIONS]`` writing its final stats to
    ``stats_file``; ``options`` are more ``scrapy crawl`` options (``-a``, ``-s``, ``-L``).
    Without a source, the spider's own arguments in ``options`` say what to crawl."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    if source:
        cmd += ["-a", f"source={source}"]
    if refetch:
        cmd += ["-a", "refetch=true"]
    cmd += ["-s", f"STATS_FILE={stats_file}"]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={value}"]
    return cmd + list(options)


def crawl_problems(returncode: int, stats: dict | None) -> list[str]:
    """Why a finished ``scrapy crawl`` counts as failed (empty: it succeeded)."""
    problems = []
    if returncode != 0:
        problems.append(f"scrapy exited with code {returncode}")
    if stats is None:
        problems.append("the crawl wrote no stats: it did not start or did not finish")
        return problems
    if (reason := stats.get("finish_reason")) != "finished":
        problems.append(f"the spider closed with reason {reason!r}, not 'finished'")
    exceptions = {k: v for k, v in stats.items() if k.startswith("spider_exceptions/") and v}
    if exceptions:
        listed = ", ".join(
            f"{k.removeprefix('spider_exceptions/')}: {v}" for k, v in exceptions.items()
        )
        problems.append(f"spider exceptions ({listed})")
    # A page that still fails after its retries is logged at ERROR by Scrapy, counted in
    # retry/max_reached and newsetl/fetch_failed/*: one flaky page does not fail the crawl.
    errors = stats.get("log_count/ERROR", 0) - stats.get("retry/max_reached", 0)
    for level, count in (("ERROR", errors), ("CRITICAL", stats.get("log_count/CRITICAL", 0))):
        if count > 0:
            problems.append(f"{count} {level} messages in the crawl log")
    spooled = stats.get("newsetl/store/spooled", 0)
    # A database that came back during the crawl had the spool replayed: nothing is missing.
    if left_behind := data_left_behind(stats):
        problems += left_behind
    elif "newsetl/crawl_run_id" not in stats:
        problems.append("the crawl run was not recorded: is DATABASE_URL set and reachable?")
    scraped = stats.get("item_scraped_count", 0)
    stored = stats.get("newsetl/store/headlines", 0) + stats.get("newsetl/store/articles", 0)
    if not scraped and stats.get("newsetl/frontier/mode") == "crawl":
        pass  # a process that only drains a shared frontier may find it drained by others
    elif not scraped:
        problems.append(
            "zero items: no headline came from the source's entry points "
            "(a news source always lists some; check the URLs and the log)"
        )
    elif not stored and not spooled:
        problems.append(f"{scraped} items scraped but none stored")
    return problems


def crawl_days(stats: dict) -> list[str]:
    """The UTC days (YYYY-MM-DD) a crawl ran on, from its start_time to its finish_time."""
    start, finish = (
        datetime.fromisoformat(stats[key]).astimezone(UTC).date()
        for key in ("start_time", "finish_time")
    )
    return [(start + timedelta(days=n)).isoformat() for n in range((finish - start).days + 1)]


def summary(stats: dict) -> str:
    return ", ".join(f"{key}={stats[key]}" for key in SUMMARY_STATS if key in stats)


def run_scrapy(
    spider: str,
    source: str | None,
    database_url: str | None,
    settings: dict | None = None,
    refetch: bool = False,
    echo: Callable[[str], None] = print,
    options: Sequence[str] = (),
) -> tuple[int, dict | None]:
    """``scrapy crawl`` as a subprocess, its log echoed line by line; returns its exit code
    and its final stats (None when it wrote none). ``database_url`` None: nothing stored."""
    with tempfile.TemporaryDirectory(prefix="newsetl-crawl-") as tmp:
        stats_file = Path(tmp) / "stats.json"
        cmd = scrapy_command(spider, source, stats_file, settings, refetch, options)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env |= {"SCRAPY_SETTINGS_MODULE": "newsetl.crawling.settings", "PYTHONUNBUFFERED": "1"}
        if database_url:
            env["DATABASE_URL"] = database_url
        log.info("Running %s", " ".join(cmd[1:]))
        proc = subprocess.Popen(  # noqa: S603 - a fixed command, arguments from sources.yaml
            cmd,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        try:
            for line in proc.stdout:
                echo(line.rstrip("\n"))
            returncode = proc.wait()
        finally:
            if proc.poll() is None:  # the task is stopped or timed out: let Scrapy close cleanly
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        stats = json.loads(stats_file.read_text()) if stats_file.exists() else None
    if stats is not None:
        log.info("Scrapy stats: %s", summary(stats))
    return returncode, stats


def run_crawl(
    spider: str,
    source: str,
    database_url: str,
    settings: dict | None = None,
    refetch: bool = False,
    echo: Callable[[str], None] = print,
    options: Sequence[str] = (),
) -> dict:
    """Run one crawl (:func:`run_scrapy`); returns its final stats. Raises ``CrawlFailed``
    listing every problem (see ``crawl_problems``)."""
    returncode, stats = run_scrapy(spider, source, database_url, settings, refetch, echo, options)
    if problems := crawl_problems(returncode, stats):
        raise CrawlFailed(
            f"scrapy crawl {spider} -a source={source} failed: " + "; ".join(problems),
            problems,
            stats,
        )
    return stats


def seed_frontier(
    spider: str,
    source: str,
    run: str,
    settings: dict | None = None,
    echo: Callable[[str], None] = print,
) -> int:
    """Send a source's entry points to the shared frontier ``run`` (``REDIS_URL``) and return
    how many requests were queued; the crawl processes of that run then drain it
    (``FRONTIER_MODE=crawl``). Raises ``CrawlFailed`` when nothing was queued."""
    if not os.environ.get("REDIS_URL"):
        raise CrawlFailed("a distributed crawl needs REDIS_URL", ["REDIS_URL is not set"], None)
    settings = (settings or {}) | {"FRONTIER_RUN": run, "FRONTIER_MODE": "seed"}
    returncode, stats = run_scrapy(spider, source, None, settings, echo=echo)  # nothing to store
    stats = stats or {}
    # A retried seed finds its requests already in the seen-set: they count as queued.
    queued = stats.get("scheduler/enqueued/redis", 0) + stats.get("dupefilter/filtered", 0)
    problems = [f"scrapy exited with code {returncode}"] if returncode else []
    if not queued:
        problems.append("no request was queued: check the entry points and REDIS_URL")
    if problems:
        raise CrawlFailed(
            f"seeding {spider} -a source={source} failed: " + "; ".join(problems),
            problems,
            stats,
        )
    return queued


def verdict(spider: str, source: str, stats: dict | None, problems: list[str]) -> str:
    """One line on how a crawl went, and one more per problem."""
    stats = stats or {}
    failures = {
        key.rsplit("/", 1)[1]: count
        for key, count in sorted(stats.items())
        if key.startswith(("newsetl/fetch_failed/", "newsetl/dropped/")) and count
    }
    parts = [
        f"{stats.get('downloader/response_count', 0)} fetched",
        f"{stats.get('newsetl/store/headlines', 0)} headlines",
        f"{stats.get('newsetl/store/articles', 0)} articles "
        f"({stats.get('newsetl/store/articles_new', 0)} new, "
        f"{stats.get('newsetl/store/articles_changed', 0)} changed)",
        "failed: " + ", ".join(f"{n} {reason}" for reason, n in failures.items())
        if failures
        else "no failures",
        f"{stats.get('newsetl/store/spooled', 0)} spooled",
        f"{float(stats.get('elapsed_time_seconds', 0)):.1f} s",
    ]
    line = f"{spider} {source}: {'FAILED' if problems else 'ok'}: {', '.join(parts)}"
    return "\n".join([line, *(f"  - {problem}" for problem in problems)])
