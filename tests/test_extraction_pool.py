"""Extraction in worker processes (EXTRACTION_PROCESSES): real crawls into a real PostgreSQL.
The pool stores what in-process extraction stores; a page whose worker is killed is tried
again in a new pool, and one that loses its worker twice is counted and logged, while the
crawl goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from bigsite import BigSite, serve, sources_file
from helpers import FAST, ROOT, empty_database, wait_for

pytestmark = pytest.mark.slow
FETCH_TIMES = ("first_fetched_at", "last_fetched_at")


def stored_articles(sql) -> list[dict]:
    rows = sql("SELECT * FROM articles ORDER BY id").mappings().all()
    return [{k: v for k, v in row.items() if k not in FETCH_TIMES} for row in rows]


def counts(stats: dict) -> dict:
    return {k: v for k, v in stats.items() if k.startswith("newsetl/") and isinstance(v, int)}


def test_the_pool_stores_the_same_articles_as_in_process_extraction(crawl, db_url, sql):
    runs = {}
    for processes in (0, 2):
        empty_database(db_url)
        result = crawl(
            "feeds",
            "-a",
            "source=meridian-wire",
            database=db_url,
            settings={"EXTRACTION_PROCESSES": processes},
        )
        assert result.returncode == 0, result.log[-3000:]
        stats = sql("SELECT stats FROM crawl_runs").scalar_one()
        runs[processes] = stored_articles(sql), result.log, stats

    (in_process, log_0, stats_0), (pooled, log_2, stats_2) = runs[0], runs[2]
    assert len(pooled) == 16
    assert pooled == in_process
    assert "Extraction pool started: up to 2 worker processes" in log_2
    assert "Extraction pool started" not in log_0
    for stats in (stats_0, stats_2):
        assert "newsetl/extraction_failed" not in stats
        assert "log_count/ERROR" not in stats
    assert counts(stats_2) == counts(stats_0)


PAGES, SLOW = 12, 6  # the sitemap lists articles 0..11, newest first: fetched in that order


class SlowPageSite(BigSite):
    """Article SLOW is 4 MB of text (seconds of extraction); the articles after it are only
    served once ``released`` is set."""

    def __init__(self):
        super().__init__(PAGES)
        self.released = threading.Event()

    def render(self, path: str, base: str) -> tuple[int, str, bytes]:
        if path.startswith("/news/") and int(path.split("/")[2]) > SLOW:
            self.released.wait(60)
        return super().render(path, base)

    def article(self, n: int, base: str) -> str:
        html = super().article(n, base)
        if n != SLOW:
            return html
        sentence = "The harbour council met again to vote on paragraph {} of the budget. "
        paragraphs = "".join(f"<p>{sentence.format(i) * 3}</p>" for i in range(16_000))
        return html.replace("</article>", paragraphs + "</article>")


def pool_workers(crawler: int) -> list[int]:
    """The extraction workers of process ``crawler``: the children of its fork server."""
    processes = {}  # pid -> (ppid, command line)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            processes[int(stat.parent.name)] = ppid, (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
    servers = {
        pid for pid, (ppid, cmd) in processes.items() if ppid == crawler and b"forkserver" in cmd
    }
    return [pid for pid, (ppid, _) in processes.items() if ppid in servers]


@pytest.fixture
def slow_crawl(tmp_path, db_url):
    """A ``scrapy crawl`` of a SlowPageSite, 2 extraction processes, started in the
    background, with its site, base URL and log; the site released and the crawl killed
    at the end."""
    site = SlowPageSite()
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    log = tmp_path / "crawl.log"
    settings = FAST | {
        "EXTRACTION_PROCESSES": "2",
        "LOG_LEVEL": "DEBUG",  # "Scraped from <200 URL>" for each item
        "LOG_FILE": log,
        "SPOOL_DIR": tmp_path / "spool",
    }
    cmd = [sys.executable, "-m", "scrapy", "crawl", "sitemaps", "-a", "source=bigsite"]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = os.environ | {
        "DATABASE_URL": db_url,
        "NEWSETL_SOURCES": str(sources_file(tmp_path / "sources.yaml", base)),
    }
    crawler = subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603 - our own command
    try:
        yield site, base, crawler, log
    finally:
        site.released.set()
        crawler.kill()
        crawler.wait()
        server.shutdown()


def extracting_the_slow_page(site: SlowPageSite, base: str, log: Path) -> bool:
    """Waits until a worker is in the middle of the slow page. Articles are handed on in
    page order: once the one before the slow page is, the workers are up and the slow page,
    fetched, is the only one left to extract."""
    slow = f"/news/{SLOW}/story-{SLOW}.html"
    before = f"Scraped from <200 {base}/news/{SLOW - 1}/story-{SLOW - 1}.html>"
    if not wait_for(lambda: site.fetches[slow] and log.exists() and before in log.read_text()):
        return False
    time.sleep(0.5)  # it takes seconds
    return True


def kill_workers_until(crawler: int, done) -> int:
    """Kill every extraction worker of ``crawler`` again and again until ``done()``; returns
    how many were killed."""
    killed = set()
    while not done() and wait_for(lambda: pool_workers(crawler) or done(), 30):
        for pid in set(pool_workers(crawler)) - killed:
            os.kill(pid, signal.SIGKILL)
            killed.add(pid)
        time.sleep(0.1)
    return len(killed)


def test_a_page_whose_worker_dies_twice_is_counted_and_the_crawl_goes_on(slow_crawl, sql):
    """Workers killed while the slow page is extracted, in its first pool and in the one it
    is tried again in: that page is counted and logged, every other page is stored by a new
    pool, and nothing is lost without a word."""
    site, base, crawler, log = slow_crawl
    assert extracting_the_slow_page(site, base, log)
    slow = f"{base}/news/{SLOW}/story-{SLOW}.html"
    failed = f"Extraction failed (worker_died): {slow}"
    assert kill_workers_until(crawler.pid, lambda: failed in log.read_text()) >= 2
    site.released.set()
    assert crawler.wait(timeout=90) == 0, log.read_text()[-3000:]

    urls = set(sql("SELECT url FROM articles").scalars())
    expected = {f"{base}/news/{n}/story-{n}.html" for n in range(PAGES) if n != SLOW}
    assert urls == expected  # the pages after the slow one went to a new pool
    stats = sql("SELECT stats FROM crawl_runs").scalar_one()
    assert stats["newsetl/extraction_failed"] == stats["newsetl/extraction_failed/worker_died"] == 1
    assert stats["newsetl/extraction_retried"] == 1  # the slow page, in its second pool
    text = log.read_text()
    assert f"An extraction worker died: trying {slow} again in a new pool" in text
    assert text.count("Extraction pool started") == 3


def test_a_page_whose_worker_died_once_is_extracted_in_a_new_pool(slow_crawl, sql):
    site, base, crawler, log = slow_crawl
    assert extracting_the_slow_page(site, base, log)
    for pid in pool_workers(crawler.pid):
        os.kill(pid, signal.SIGKILL)
    site.released.set()
    assert crawler.wait(timeout=90) == 0, log.read_text()[-3000:]
    urls = set(sql("SELECT url FROM articles").scalars())
    assert urls == {f"{base}/news/{n}/story-{n}.html" for n in range(PAGES)}
    stats = sql("SELECT stats FROM crawl_runs").scalar_one()
    assert stats["newsetl/extraction_retried"] >= 1 and "newsetl/extraction_failed" not in stats


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_crawl_killed_outright_leaves_no_worker_behind(slow_crawl):
    site, base, crawler, log = slow_crawl
    assert extracting_the_slow_page(site, base, log)
    workers = pool_workers(crawler.pid)
    assert workers
    crawler.kill()
    crawler.wait()
    assert wait_for(lambda: not any(running(pid) for pid in workers), timeout=10)
