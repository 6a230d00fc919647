"""The store under faults: the database going away mid-crawl, SIGTERM, two crawls of one
source at once, and credentials kept out of logs. Each runs real crawls into a real
PostgreSQL cluster of its own (these tests stop and start it)."""

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import FAST, SLOW, count, query, wait_for

from demosite import ARTICLES_PER_OUTLET, HEADLINES_PER_OUTLET

pytestmark = pytest.mark.slow
ARTICLES = ARTICLES_PER_OUTLET["meridian"]


def test_database_restarted_mid_crawl_loses_nothing(crawl, fresh, tmp_path):
    def restart_when_items_arrive():
        wait_for(lambda: count(fresh.url, "articles") >= 2)
        fresh.stop()
        time.sleep(1.5)
        fresh.start()

    restarter = threading.Thread(target=restart_when_items_arrive)
    restarter.start()
    result = crawl("feeds", "-a", "source=meridian-wire", database=fresh.url, settings=SLOW)
    restarter.join()
    assert result.returncode == 0, result.log[-3000:]
    assert "items spooled to" in result.log and "Replayed" in result.log
    assert count(fresh.url, "articles") == ARTICLES  # every article, exactly once
    assert count(fresh.url, "headlines") == HEADLINES_PER_OUTLET["meridian"]
    assert count(fresh.url, "article_revisions") == ARTICLES
    ((status, spooled, stats),) = query(
        fresh.url, "SELECT status, items_spooled, stats FROM crawl_runs"
    )
    assert status == "partial" and spooled > 0
    assert stats["newsetl/store/replayed"] == spooled and stats["newsetl/spool/size"] == 0
    assert not list((tmp_path / "spool").glob("*"))


def test_database_down_for_the_whole_crawl_is_replayed_by_the_next_one(crawl, fresh, tmp_path):
    fresh.stop()
    down = crawl("feeds", "-a", "source=meridian-wire", database=fresh.url)
    assert down.returncode == 1, down.log[-3000:]  # not green: the data is not stored yet
    assert "not complete: database unreachable" in down.stderr
    assert "Database unavailable at start (OperationalError: " in down.log
    assert "Connection refused" in down.log  # the cause, not a masked blank
    assert "its end is spooled" in down.log
    assert f"{len(down.items)} items wait in the spool" in down.log
    fresh.start()
    later = crawl("replay", database=fresh.url)
    assert later.returncode == 0, later.log[-3000:]
    assert count(fresh.url, "articles") == ARTICLES
    assert count(fresh.url, "headlines") == HEADLINES_PER_OUTLET["meridian"]
    assert not list((tmp_path / "spool").glob("*"))
    # the run of the crawl that never reached the database is recorded, with its end
    runs = query(fresh.url, "SELECT spider, status, finished_at IS NOT NULL FROM crawl_runs")
    assert sorted(runs) == [("feeds", "partial", True), ("replay", "finished", True)]
    again = crawl("replay", database=fresh.url)  # nothing replayed twice
    assert again.returncode == 0 and count(fresh.url, "articles") == ARTICLES


def test_sigterm_flushes_records_the_run_and_a_rerun_completes(demo_site, fresh, tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "feeds",
        "-a",
        "source=meridian-wire",
        "-s",
        f"SPOOL_DIR={tmp_path / 'spool'}",
        "-s",
        f"LOG_FILE={tmp_path / 'log'}",
        "-s",
        "STORE_BATCH_SIZE=50",
        "-O",
        str(tmp_path / "items.jsonl"),
    ]
    for key, value in (FAST | SLOW | {"STORE_BATCH_SIZE": "50"}).items():
        cmd += ["-s", f"{key}={value}"]
    env = {"DATABASE_URL": fresh.url, "NEWSETL_DEMO_SITE": demo_site, "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen(cmd, cwd=Path(__file__).parent.parent, env=env)
    # SIGTERM once an article has been exported (the feed's headlines come first)
    assert wait_for(lambda: _articles(tmp_path) >= 1)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    items = [json.loads(line) for line in _read(tmp_path / "items.jsonl").splitlines()]
    articles = {i["id"] for i in items if "body" in i}
    headlines = {i["url"] for i in items if "entry_point" in i}
    # what was scraped is what was stored: the pending batch was flushed on the way out
    assert 0 < count(fresh.url, "articles") == len(articles) < ARTICLES
    assert count(fresh.url, "headlines") == len(headlines)
    ((status, reason),) = query(fresh.url, "SELECT status, finish_reason FROM crawl_runs")
    assert (status, reason) == ("interrupted", "shutdown")
    rerun = subprocess.run(cmd[:-2], cwd=Path(__file__).parent.parent, env=env, timeout=120)
    assert rerun.returncode == 0
    assert count(fresh.url, "articles") == ARTICLES
    assert count(fresh.url, "article_revisions") == ARTICLES


def _read(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def _articles(tmp_path: Path) -> int:
    return sum('"body"' in line for line in _read(tmp_path / "items.jsonl").splitlines())


def test_two_crawls_of_one_source_at_once(crawl, fresh):
    results = [None, None]

    def run(i):
        results[i] = crawl(
            "feeds",
            "-a",
            "source=meridian-wire",
            "-a",
            "refetch=true",
            database=fresh.url,
            settings={"STORE_BATCH_SIZE": "3"},
        )

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
        assert "deadlock" not in result.log.lower() and "ERROR" not in result.log
    assert count(fresh.url, "articles") == ARTICLES
    assert count(fresh.url, "headlines") == HEADLINES_PER_OUTLET["meridian"]
    assert count(fresh.url, "article_revisions") == ARTICLES  # same content: no lost update
    assert query(fresh.url, "SELECT count(*) FROM crawl_runs WHERE status = 'finished'")[0][0] == 2


def test_database_password_never_reaches_logs_or_stats(crawl, fresh):
    url = fresh.url.replace("postgres@", "postgres:s3cret-pw@")  # trust auth ignores it
    result = crawl("feeds", "-a", "source=meridian-wire", database=url)
    assert result.returncode == 0
    assert "s3cret-pw" not in result.log and "postgres:***@" in result.log
    assert "s3cret-pw" not in str(query(fresh.url, "SELECT stats FROM crawl_runs"))
