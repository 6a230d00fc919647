"""What the newsetl DAGs (``dags/``) share: the database connection, the articles Asset and
running one crawl as a ``scrapy crawl`` subprocess.

At import time it reads environment variables and files in the repository only: no database,
no network. The one source of truth for the database is the Airflow connection ``newsetl_db``
(``AIRFLOW_CONN_NEWSETL_DB``, which ``make airflow`` and docker-compose derive from
``DATABASE_URL``): the SQL operators use it and the crawl subprocesses get their
``DATABASE_URL`` from it.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from airflow.sdk import Asset

from newsetl.verdict import data_left_behind

ROOT = Path(__file__).resolve().parent.parent  # the repository: scrapy.cfg, dags/, sql/
SQL_DIR = ROOT / "sql"
CONN_ID = "newsetl_db"
CRAWL_POOL = "crawl_pool"
START_DATE = datetime(2026, 1, 1, tzinfo=UTC)
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

log = logging.getLogger(__name__)


class CrawlFailed(Exception):
    """The crawl ran but its result is not acceptable; the message lists why."""


def database_address() -> tuple[str, int, str]:
    """Host, port and database of the ``newsetl_db`` connection, read from the environment
    (``AIRFLOW_CONN_NEWSETL_DB`` as a URI or JSON, else ``DATABASE_URL``)."""
    raw = (
        os.environ.get("AIRFLOW_CONN_NEWSETL_DB") or os.environ.get("DATABASE_URL") or ""
    ).strip()
    if raw.startswith("{"):
        conn = json.loads(raw)
        return (
            conn.get("host") or "localhost",
            int(conn.get("port") or 5432),
            conn.get("schema") or "newsetl",
        )
    parts = urlsplit(raw)
    return parts.hostname or "localhost", parts.port or 5432, parts.path.strip("/") or "newsetl"


def articles_asset() -> Asset:
    """The articles table as an Asset: every crawl task is a producer, the aggregation DAG
    a consumer. A ``postgres://`` URI names host, port, database, schema and table."""
    host, port, database = database_address()
    return Asset(
        name="newsetl_articles", uri=f"postgres://{host}:{port}/{database}/public/articles"
    )


ARTICLES = articles_asset()


def dag_id_for(source_name: str) -> str:
    return "crawl_" + source_name.replace("-", "_")


def scrapy_command(
    spider: str,
    source: str,
    stats_file: Path,
    settings: dict | None = None,
    refetch: bool = False,
) -> list[str]:
    """``scrapy crawl SPIDER -a source=NAME`` writing its final stats to ``stats_file``."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"source={source}"]
    if refetch:
        cmd += ["-a", "refetch=true"]
    cmd += ["-s", f"STATS_FILE={stats_file}"]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


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
    if not scraped:
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


def run_crawl(
    spider: str,
    source: str,
    database_url: str,
    settings: dict | None = None,
    refetch: bool = False,
    echo: Callable[[str], None] = print,
) -> dict:
    """Run one crawl as a subprocess, echoing its log line by line; returns its final stats.

    Raises ``CrawlFailed`` listing every problem (see ``crawl_problems``).
    """
    with tempfile.TemporaryDirectory(prefix="newsetl-crawl-") as tmp:
        stats_file = Path(tmp) / "stats.json"
        cmd = scrapy_command(spider, source, stats_file, settings, refetch)
        env = os.environ | {
            "DATABASE_URL": database_url,
            "SCRAPY_SETTINGS_MODULE": "newsetl.settings",
            "PYTHONUNBUFFERED": "1",
        }
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
    if problems := crawl_problems(returncode, stats):
        raise CrawlFailed(
            f"scrapy crawl {spider} -a source={source} failed: " + "; ".join(problems)
        )
    return stats


def check_files() -> list[Path]:
    return sorted((SQL_DIR / "checks").glob("*.sql"))


def report_files() -> list[Path]:
    return sorted((SQL_DIR / "reports").glob("*.sql"))


def file_task_id(path: Path) -> str:
    """``10_daily_source_stats.sql`` -> ``daily_source_stats``."""
    stem = path.stem
    head, _, rest = stem.partition("_")
    return rest if head.isdigit() and rest else stem
