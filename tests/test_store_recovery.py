"""The spool and the store on an operator's bad day: a restored database, batches replayed
late, a full disk, crawls that die or hang, damaged or wrongly claimed spool files. Real
crawls (``scrapy crawl`` subprocesses) against the demo site, into a PostgreSQL cluster of
this module's own that the tests stop, freeze, drop and recreate. A crawl that leaves data
behind never ends green: ``scrapy crawl`` exits 1 and the run is not ``finished``."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import FAST, ROOT, SLOW, count, query, signal_cluster, wait_for
from sqlalchemy import create_engine, text

from demosite import ARTICLES_PER_OUTLET
from newsetl import db
from newsetl.items import Article
from newsetl.spool import Spool
from newsetl.store import content_hash

pytestmark = pytest.mark.slow
ARTICLES = ARTICLES_PER_OUTLET["meridian"]
MERIDIAN = ("feeds", "-a", "source=meridian-wire")


@pytest.fixture
def spool(tmp_path) -> Spool:
    """The spool the ``crawl`` fixture's crawls use."""
    return Spool(tmp_path / "spool")


@pytest.fixture
def replay(crawl):
    """A crawl that fetches nothing: it only replays the spool."""
    return lambda url: crawl("replay", database=url)


def headline_row(url: str, title: str, seen_at: datetime) -> dict:
    return {
        "source": "meridian-wire",
        "url": url,
        "title": title,
        "summary": None,
        "published_at": None,
        "published_at_raw": None,
        "entry_point": "http://127.0.0.1/meridian/rss.xml",
        "kind": "feed",
        "position": 1,
        "seen_at": seen_at.isoformat(),
    }


def recreate(cluster) -> None:
    """A restored database: dropped, created empty and migrated."""
    admin = create_engine(cluster.url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE newsetl WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE newsetl"))
    admin.dispose()
    db.migrate(cluster.url)


def spooled_rows(spool: Spool, kind: str) -> int:
    return sum(len(json_lines(path, kind)) for path in spool.files())


def json_lines(path: Path, kind: str) -> list[dict]:
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r["row"] for r in records if r["kind"] == kind]


# 1
def test_a_restored_database_takes_the_batches_spooled_against_the_old_one(
    crawl, fresh, spool, replay
):
    for _ in range(3):  # the crawl below is not the database's first run
        replay(fresh.url)

    def outage():
        wait_for(lambda: count(fresh.url, "articles") >= 2)
        fresh.stop()

    stopper = threading.Thread(target=outage)
    stopper.start()
    first = crawl(*MERIDIAN, database=fresh.url, settings=SLOW)
    stopper.join()
    assert first.returncode == 1, first.log[-3000:]  # items wait in the spool: not green
    spooled = spooled_rows(spool, "articles")
    assert spooled > 0
    fresh.start()
    recreate(fresh)  # the crawl's run no longer exists: its batches must record it again
    again = replay(fresh.url)
    assert again.returncode == 0, again.log[-3000:]
    assert count(fresh.url, "articles") == spooled
    assert spool.files() == [] and spool.quarantined() == []
    runs = query(fresh.url, "SELECT spider, status FROM crawl_runs ORDER BY spider")
    assert runs == [("feeds", "partial"), ("replay", "finished")]
    orphans = "SELECT count(*) FROM articles a LEFT JOIN crawl_runs r ON r.id = a.crawl_run_id"
    assert query(fresh.url, orphans + " WHERE r.spider IS DISTINCT FROM 'feeds'") == [(0,)]


# 1
def test_a_batch_the_database_refuses_is_quarantined_and_blocks_nothing(fresh, spool, replay):
    url = "http://127.0.0.1/meridian/refused.html"
    refused = asdict(Article(url=url, canonical_url=url, id="x" * 40, source="meridian-wire"))
    refused |= {"body": "Text.", "word_count": 1, "fetched_at": datetime.now(UTC).isoformat()}
    refused["content_hash"] = content_hash(refused)  # but no title: NOT NULL refuses it
    bad = spool.write({"articles": [refused]})
    bad = bad.rename(bad.with_name("00000000T000000-refused.jsonl"))  # the oldest file
    now = datetime.now(UTC)
    spool.write({"headlines": [headline_row("http://127.0.0.1/meridian/a.html", "A", now)]})
    spool.write({"headlines": [headline_row("http://127.0.0.1/meridian/b.html", "B", now)]})
    result = replay(fresh.url)
    assert result.returncode == 1, result.log[-3000:]
    assert "not complete: 1 batches refused by the database and quarantined" in result.stderr
    assert count(fresh.url, "headlines") == 2  # the files behind the bad one
    (quarantined,) = spool.quarantined()
    assert quarantined.name == bad.name
    error = quarantined.with_suffix(".error").read_text()
    assert "IntegrityError" in error and '"title"' in error
    assert result.log.count("cannot be stored") == 1  # logged once
    ((status, stats),) = query(fresh.url, "SELECT status, stats FROM crawl_runs")
    assert status == "failed" and stats["newsetl/spool/quarantined"] == 1
    assert replay(fresh.url).returncode == 0  # set aside: later runs are green again


# 7
def test_a_damaged_spool_file_is_quarantined_and_the_crawl_goes_on(crawl, fresh, spool):
    spool.directory.mkdir(parents=True)
    damaged = spool.directory / "20260101T000000-1-cut.jsonl"
    damaged.write_text('{"kind": "headlines", "row": {"source": "meridian-wi')
    result = crawl(*MERIDIAN, database=fresh.url)
    assert result.returncode == 1, result.log[-3000:]
    assert count(fresh.url, "articles") == ARTICLES
    (quarantined,) = spool.quarantined()
    assert "DamagedSpoolFile: line 1" in quarantined.with_suffix(".error").read_text()
    assert query(fresh.url, "SELECT status FROM crawl_runs") == [("failed",)]


# 2
def test_a_batch_replayed_late_never_overwrites_newer_content(crawl, fresh, spool, replay):
    result = crawl(*MERIDIAN, database=fresh.url)
    assert result.returncode == 0, result.log[-3000:]
    article = next(item for item in result.items if "body" in item)
    fetched = datetime.fromisoformat(article["fetched_at"])
    earlier = fetched - timedelta(days=1)
    older = article | {"title": "Earlier headline", "body": "Earlier text.", "crawl_run_id": None}
    older |= {"fetched_at": earlier.isoformat()}
    older["content_hash"] = content_hash(older)
    seen = headline_row(article["url"], "Earlier headline", earlier)
    spool.write({"articles": [older], "headlines": [seen]})
    assert replay(fresh.url).returncode == 0
    row = query(
        fresh.url,
        "SELECT title, body, revision, first_fetched_at, last_fetched_at FROM articles "
        "WHERE id = :id",
        id=article["id"],
    )
    assert row == [(article["title"], article["body"], 1, earlier, fetched)]
    revisions = "SELECT fetched_at, title FROM article_revisions WHERE article_id = :id"
    assert query(fresh.url, revisions, id=article["id"]) == [(fetched, article["title"])]
    titles = {i["title"] for i in result.items if i.get("url") == article["url"] and "kind" in i}
    headline = "SELECT title FROM headlines WHERE url = :link"
    ((title,),) = query(fresh.url, headline, link=article["url"])
    assert title in titles and title != "Earlier headline"


# 4
def test_crawls_while_the_database_is_down_keep_their_own_runs_and_sightings(crawl, fresh, replay):
    fresh.stop()
    down = [crawl(*MERIDIAN, database=fresh.url) for _ in range(2)]
    assert [result.returncode for result in down] == [1, 1]
    fresh.start()
    assert replay(fresh.url).returncode == 0
    seen = sum(1 for result in down for item in result.items if "entry_point" in item)
    assert count(fresh.url, "headline_sightings") == seen  # not merged into one crawl's
    runs = query(
        fresh.url,
        "SELECT r.status, count(s.id) FROM crawl_runs r "
        "LEFT JOIN headline_sightings s ON s.crawl_run_id = r.id "
        "WHERE r.spider = 'feeds' GROUP BY r.id, r.status",
    )
    assert runs == [("partial", seen // 2)] * 2


# 3
@pytest.fixture
def full_disk(tmp_path):
    """The crawl's spool folder on a 48 KiB tmpfs (root only)."""
    target = tmp_path / "spool"
    target.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(target)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    yield target
    subprocess.run(["umount", "-l", str(target)], check=True)


def test_a_full_spool_disk_stops_the_crawl_and_names_what_was_not_kept(
    crawl, fresh, full_disk, tmp_path
):
    fresh.stop()
    stats_file = tmp_path / "stats.json"
    settings = SLOW | {"STATS_FILE": str(stats_file), "STORE_BATCH_SIZE": "10"}
    result = crawl(*MERIDIAN, database=fresh.url, settings=settings)
    assert result.returncode == 1, result.log[-3000:]
    stats = json.loads(stats_file.read_text())
    assert stats["finish_reason"] == "store_failed"
    assert "the crawl stopped early" in result.stderr
    lost = stats["newsetl/store/lost"]
    assert lost > 0 and f"{lost} items could be stored neither" in result.log
    (line,) = [line for line in result.log.splitlines() if "could be stored neither" in line]
    kept = {path.name for path in full_disk.glob("*.jsonl")}
    assert len([i for i in result.items if i["url"] in line]) >= lost / 2  # the URLs are named
    assert list(full_disk.glob("*.tmp")) == []  # no half-written batch left behind
    assert kept
    fresh.start()
    rerun = crawl(*MERIDIAN, database=fresh.url)  # replays what the spool kept, fetches the rest
    assert rerun.returncode == 0, rerun.log[-3000:]
    assert count(fresh.url, "articles") == ARTICLES
    bodies = [item["body"][:60] for item in rerun.items if "body" in item]
    assert bodies and not [body for body in bodies if body in result.log]  # no body logged


def _popen_crawl(tmp_path: Path, demo_site: str, url: str, settings: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "scrapy", "crawl", *MERIDIAN, "-O", str(tmp_path / "out.jsonl")]
    for key, value in (FAST | SLOW | settings).items():
        cmd += ["-s", f"{key}={value}"]
    cmd += ["-s", f"SPOOL_DIR={tmp_path / 'spool'}", "-s", f"LOG_FILE={tmp_path / 'crawl.log'}"]
    env = os.environ | {"DATABASE_URL": url, "NEWSETL_DEMO_SITE": demo_site}
    return subprocess.Popen(cmd, cwd=ROOT, env=env)


# 5
def test_a_crawl_killed_with_sigkill_is_marked_abandoned_by_the_next(
    demo_site, fresh, tmp_path, replay
):
    process = _popen_crawl(tmp_path, demo_site, fresh.url, {})
    try:
        assert wait_for(lambda: count(fresh.url, "articles") >= 2)
    finally:
        process.kill()
        process.wait()
    assert query(fresh.url, "SELECT status FROM crawl_runs") == [("running",)]
    result = replay(fresh.url)
    assert "marked abandoned" in result.log
    runs = query(fresh.url, "SELECT spider, status, finished_at IS NOT NULL FROM crawl_runs")
    assert sorted(runs) == [("feeds", "abandoned", True), ("replay", "finished", True)]
    day = datetime.now(UTC).date().isoformat()
    report = subprocess.run(
        [sys.executable, "-m", "newsetl", "report", "--day", day],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": fresh.url},
        capture_output=True,
        text=True,
    )
    assert "Crawl runs that did not end well" in report.stdout
    assert "abandoned" in report.stdout


# 8
def test_a_frozen_database_neither_hangs_the_crawl_nor_loses_its_batch(
    demo_site, fresh, tmp_path, replay
):
    settings = {"STORE_TIMEOUT": "2", "STORE_RETRY_SECONDS": "30"}
    process = _popen_crawl(tmp_path, demo_site, fresh.url, settings)
    try:
        assert wait_for(lambda: count(fresh.url, "articles") >= 2)
        signal_cluster(fresh, signal.SIGSTOP)  # accepts connections, answers nothing
        time.sleep(4)  # a flush is stuck on the frozen server now
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        process.wait(timeout=45)
        stopped_in = time.monotonic() - started
    finally:
        signal_cluster(fresh, signal.SIGCONT)
        if process.poll() is None:
            process.kill()
    assert stopped_in < 30
    assert process.returncode == 1  # its last batches wait in the spool
    log = (tmp_path / "crawl.log").read_text()
    assert "items spooled to" in log
    scraped = {i["id"] for i in map(json.loads, (tmp_path / "out.jsonl").open()) if "body" in i}
    assert replay(fresh.url).returncode == 0
    stored = {r for (r,) in query(fresh.url, "SELECT id FROM articles")}
    assert stored == scraped  # every article scraped before the stop is in the database


# 9
def test_a_spool_file_claimed_by_a_live_process_that_is_no_crawl_is_replayed(fresh, spool, replay):
    row = headline_row("http://127.0.0.1/meridian/x.html", "X", datetime.now(UTC))
    path = spool.write({"headlines": [row]})
    path.rename(path.with_name(f"{path.stem}.claimed-{os.getpid()}"))  # a claim by PID
    assert replay(fresh.url).returncode == 0
    assert count(fresh.url, "headlines") == 1


# 9
def test_a_spool_file_locked_by_a_running_crawl_is_left_to_it(fresh, spool, replay):
    row = headline_row("http://127.0.0.1/meridian/y.html", "Y", datetime.now(UTC))
    path = spool.write({"headlines": [row]})
    with path.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a crawl replaying it holds it
        busy = replay(fresh.url)
        assert count(fresh.url, "headlines") == 0 and path.exists()
        assert busy.returncode == 1  # the item still waits: not green
    assert replay(fresh.url).returncode == 0
    assert count(fresh.url, "headlines") == 1 and not path.exists()
