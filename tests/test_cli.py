"""What an operator sees: `newsetl crawl` prints a verdict per spider and exits non-zero when
a run needs a look (the rules of the Airflow task); ordinary mistakes print one or two lines,
never a traceback; `scrapy crawl urls` skips bad lines and counts them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from helpers import FAST, ROOT

from demosite import ARTICLES_PER_OUTLET, DemoSite

pytestmark = pytest.mark.slow


def run(*args: str, env: dict | None = None, timeout: float = 120):
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | (env or {})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environ, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def newsetl_crawl(source: str, *args: str, env: dict, tmp_path):
    settings = [flag for key, value in FAST.items() for flag in ("-s", f"{key}={value}")]
    settings += ["-s", f"SPOOL_DIR={tmp_path / 'spool'}", "--log-dir", str(tmp_path / "logs")]
    return run("-m", "newsetl", "crawl", source, *args, *settings, env=env)


@pytest.fixture
def sources(tmp_path, demo_site):
    """The demo sources plus one whose only feed is gone (404)."""
    path = tmp_path / "sources.yaml"
    gone = {
        "name": "gone-gazette",
        "title": "Gone Gazette",
        "homepage": f"{demo_site}/gone/",
        "allowed_domains": ["127.0.0.1"],
        "language": "en",
        "country": "GB",
        "feeds": [f"{demo_site}/gone/rss.xml"],
    }
    shipped = (ROOT / "sources.yaml").read_text()
    path.write_text(shipped.rstrip() + "\n" + "  - " + json.dumps(gone) + "\n")
    return path


def test_newsetl_crawl_prints_a_verdict_and_exits_0_when_all_is_stored(demo_site, db_url, tmp_path):
    env = {"DATABASE_URL": db_url, "NEWSETL_DEMO_SITE": demo_site}
    result = newsetl_crawl("meridian-wire", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    verdict, log = result.stdout.splitlines()
    articles = ARTICLES_PER_OUTLET["meridian"]
    assert verdict.startswith("feeds meridian-wire: ok: ")
    assert f"{articles} articles ({articles} new, 0 changed)" in verdict
    assert "10 not_an_article" in verdict  # the live pages, dropped and counted
    assert log.startswith("  log: ") and "Spider closed (finished)" in open(log[7:]).read()
    again = newsetl_crawl("meridian-wire", "--refetch", env=env, tmp_path=tmp_path)
    assert f"{articles} articles (0 new, 0 changed)" in again.stdout


def test_newsetl_crawl_fails_with_the_reason_on_a_dead_feed_and_a_dead_database(
    demo_site, db_url, tmp_path, sources
):
    env = {"DATABASE_URL": db_url, "NEWSETL_DEMO_SITE": demo_site, "NEWSETL_SOURCES": str(sources)}
    dead = newsetl_crawl("gone-gazette", env=env, tmp_path=tmp_path)
    assert dead.returncode == 1
    assert "feeds gone-gazette: FAILED: " in dead.stdout and "1 http_404" in dead.stdout
    assert "  - zero items" in dead.stdout
    env["DATABASE_URL"] = "postgresql+psycopg://postgres@127.0.0.1:1/newsetl"
    down = newsetl_crawl("meridian-wire", env=env, tmp_path=tmp_path)
    assert down.returncode == 1
    assert "  - database unreachable: " in down.stdout and "items wait in the spool" in down.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("crawl", "nope"), "newsetl crawl: unknown source 'nope' (configured: "),
        (("crawl", "meridian-wire", "--spider", "listing"), "has no listing entry points"),
        (("report", "--day", "27/11/2026"), "'27/11/2026' is not a day: write it as YYYY-MM-DD"),
        (("report",), "cannot reach the database at 127.0.0.1:1 (connection refused)"),
    ],
)
def test_ordinary_mistakes_print_one_or_two_lines_and_no_traceback(args, says):
    result = run("-m", "newsetl", *args, env={"DATABASE_URL": "postgresql://u:pw@127.0.0.1:1/x"})
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    assert "pw" not in result.stderr


def test_a_typo_in_sources_yaml_is_one_line_naming_the_file_and_the_field(tmp_path):
    broken = tmp_path / "sources.yaml"
    broken.write_text((ROOT / "sources.yaml").read_text().replace("feeds:", "feds:", 1))
    env = {"NEWSETL_SOURCES": str(broken)}
    scrapy_crawl = ("-m", "scrapy", "crawl", "feeds", "-a", "source=meridian-wire")
    for args in (("-m", "newsetl", "crawl", "meridian-wire"), scrapy_crawl):
        result = run(*args, env=env)
        assert result.returncode != 0
        assert f"{broken}: source " in result.stderr and "unknown field 'feds'" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("feeds", "-a", "source=nope"), "scrapy crawl feeds: unknown source 'nope'"),
        (("urls", "-a", "urls=/nonexistent/urls.txt"), "cannot read the urls file"),
        (("urls",), "the urls spider needs -a urls=FILE"),
        (("headlines",), "the headlines spider needs -a file=FILE"),
        (("headlines", "-a", "file=/nonexistent/day.csv"), "cannot read /nonexistent/day.csv"),
    ],
)
def test_scrapy_crawl_mistakes_are_one_line(args, says):
    result = run("-m", "scrapy", "crawl", *args, "-s", "LOG_LEVEL=WARNING")
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr


def test_the_urls_spider_skips_and_counts_bad_lines_and_refuses_an_empty_file(
    crawl, demo_site, tmp_path
):
    first, second = DemoSite().article_urls(demo_site)[:2]
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# two articles\nhttp://[::1:bad/\n({first})\nno link\n<{second}>\n")
    result = crawl("urls", "-a", f"urls={listing}", settings={"STATS_FILE": tmp_path / "s"})
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(i["url"] for i in result.items) == sorted([first, second])
    assert "line 2 skipped: not a valid URL: http://[::1:bad/" in result.log
    assert "line 4 skipped: no http(s) URL" in result.log
    assert json.loads((tmp_path / "s").read_text())["newsetl/urls/bad_lines"] == 2
    listing.write_text("# nothing yet\n\n")
    empty = crawl("urls", "-a", f"urls={listing}")
    assert empty.returncode == 2 and "no URL in" in empty.stderr


def test_the_headlines_spider_stores_a_csv_of_headlines(crawl, db_url, sql, tmp_path):
    """A wire's list as CSV: rows become headlines of the sources they name, through the
    pipelines; a row whose date is no date is skipped and counted, one without a URL is
    dropped by validation, a repeat by the dedup pipeline; a file without the columns is
    refused in one line."""
    day = tmp_path / "wire.csv"
    day.write_text(
        "publisher,url,title,published_at,desk\n"
        "Harbour Wire,https://harbourwire.example/a/1?utm_source=x,"
        "Port strike ends after 9 days,2026-12-01T08:15:00+01:00,business\n"
        "Valmora Times,https://valmora.example/n/2,Ferries return to night service,,local\n"
        "Valmora Times,https://valmora.example/n/3,Storm closes coast road,yesterday,local\n"
        "Harbour Wire,,Cranes idle at the port,2026-12-01T09:00:00Z,business\n"
        "Harbour Wire,https://harbourwire.example/a/1,Port strike ends after 9 days,,business\n",
        encoding="utf-8",
    )
    stats = tmp_path / "stats.json"
    result = crawl(
        "headlines", "-a", f"file={day}", database=db_url, settings={"STATS_FILE": stats}
    )
    assert result.returncode == 0, result.log[-3000:]
    rows = sql(
        "SELECT h.source, h.url, h.title, h.published_at, s.kind FROM headlines h "
        "JOIN headline_sightings s ON s.headline_id = h.id ORDER BY h.url"
    ).all()
    assert [(r.source, r.url, r.kind) for r in rows] == [
        ("Harbour Wire", "https://harbourwire.example/a/1", "file"),  # tracking taken off
        ("Valmora Times", "https://valmora.example/n/2", "file"),
    ]
    assert rows[1].title == "Ferries return to night service"
    assert rows[0].published_at == datetime(2026, 12, 1, 7, 15, tzinfo=UTC)
    figures = json.loads(stats.read_text())
    assert figures["newsetl/headlines_file/bad_dates"] == 1
    assert "line 4 skipped: published_at 'yesterday' is no date" in result.log
    assert figures["newsetl/dropped/headline_missing_url"] == 1
    assert figures["newsetl/dedup/headline"] == 1  # the first row again, without tracking

    day.write_text("outlet,link\nHarbour Wire,https://harbourwire.example/a/1\n")
    refused = crawl("headlines", "-a", f"file={day}")
    assert refused.returncode == 2 and "no column publisher, url, title" in refused.stderr
