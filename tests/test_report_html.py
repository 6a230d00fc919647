"""The report for people: ``newsetl report`` in the terminal, and its HTML page rendered by
headless Chromium (installed by ``apt-get install -y chromium``; skipped without it)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_reports import REPORT_TABLES, D, load_wire_news

from newsetl import cli, trending
from newsetl.reporting import render, run, show

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)
# Lines Chromium logs for the page itself: console messages, uncaught errors, failed loads.
PAGE_ERRORS = re.compile(r":CONSOLE[:(]|Uncaught|net::ERR_|Failed to load", re.I)


@pytest.fixture
def reported(db_url, sql):
    """The wire-news data set, its reports refreshed for D-2..D."""
    sql(f"TRUNCATE {REPORT_TABLES}")  # noqa: S608 - constant
    load_wire_news(sql)
    for back in (2, 1):
        run.refresh(db_url, D - timedelta(days=back))
    show.main(db_url, SimpleNamespace(day=D.isoformat(), html=None, refresh=True))
    return db_url


def chromium(*args: str, page: Path) -> subprocess.CompletedProcess:
    """Headless Chromium on a local file, with nothing fetched from the network."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
             "--run-all-compositor-stages-before-draw",  # else a tile may be left unpainted
             "--window-size=1400,900", "--virtual-time-budget=5000",
             *args, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip


def page_errors(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if PAGE_ERRORS.search(line)]


def test_terminal_report(reported, capsys):
    assert show.main(reported, SimpleNamespace(day=str(D), html=None)) == 0
    out = capsys.readouterr().out
    assert "newsetl daily report for 2026-11-27 (UTC)" in out
    assert re.search(r"meridian-wire\s+4\s+4\s+122\s+38 min\s+1 h 38 min\s+25%\s+0%\s+25%", out)
    assert re.search(r"daily-courier\s+2\s+1\s+52\s+-\s+-\s+0%\s+100%\s+0%", out)
    stories = out.split("Stories told by several outlets")[1].split("Trending terms")[0]
    assert "Storm closes Rotterdam port as ships wait offshore" in stories
    assert "3 sources, 2 distinct reports: daily-courier, harbour-times, meridian-wire" in stories
    assert "City council" not in stories
    rotterdam = re.search(r"rotterdam\s+word\s+4 docs\s+3 sources score\s+([\d.]+)", out)
    prior = trending.BACKGROUND_DOCS * trending.background_share("rotterdam")
    assert float(rotterdam[1]) == pytest.approx(trending.g2(4, 8, prior, 10_003), abs=0.05)


def test_terminal_report_of_a_day_without_rows(reported, capsys):
    show.main(reported, SimpleNamespace(day="2026-10-01", html=None))
    assert "No report rows for 2026-10-01: run `newsetl report --refresh" in capsys.readouterr().out


def test_cli_writes_a_self_contained_page(reported, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", reported)
    page = tmp_path / "report.html"
    assert cli.main(["report", "--day", str(D), "--html", str(page)]) == 0
    assert f"wrote {page}" in capsys.readouterr().out
    html = page.read_text()
    # nothing is loaded from elsewhere: links to the articles are the only URLs
    assert not re.search(r"""src\s*=""", html, re.I)
    assert not re.search(r"<script|<link|<iframe|<img|@import|url\(", html, re.I)
    assert html.count('<svg id="volume-chart"') == 1 and '<svg id="terms-chart"' in html
    assert "Dozens of vessels stranded off the Dutch coast" in html  # a story member


@needs_chromium
def test_page_renders_in_headless_chromium(reported, sql, tmp_path):
    page = tmp_path / "report.html"
    show.main(reported, SimpleNamespace(day=str(D), html=str(page)))
    shot = tmp_path / "report.png"

    result = chromium("--enable-logging=stderr", "--v=0", f"--screenshot={shot}", page=page)
    assert page_errors(result) == []
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1400, 900)
    assert len(png) > 20_000  # charts and text, not a blank page

    dom = chromium("--dump-dom", page=page).stdout
    volume = dom.split('<svg id="volume-chart"')[1].split("</svg>")[0]
    # Articles stored: D-2 daily-courier; D-1 meridian-wire, harbour-times; D all three.
    assert volume.count('<rect class="bar"') == 6
    assert "daily-courier, 2026-11-27: 1 articles" in volume
    assert "meridian-wire, 2026-11-27: 4 articles" in volume
    terms = dom.split('<svg id="terms-chart"')[1].split("</svg>")[0]
    rows = sql("SELECT count(*) FROM daily_trending_terms WHERE day = :d", d=D).scalar()
    assert terms.count('<rect class="bar"') == min(15, rows) >= 10 and ">rotterdam<" in terms
    # three days of data: three groups of bars, no empty days before them
    assert re.findall(r">(\d\d-\d\d)</text>", volume) == ["11-25", "11-26", "11-27"]


@needs_chromium
def test_every_story_member_links_to_its_stored_article_and_health_is_shown(
    reported, sql, tmp_path
):
    page = tmp_path / "report.html"
    show.main(reported, SimpleNamespace(day=str(D), html=str(page)))
    dom = chromium("--dump-dom", page=page).stdout
    stories = dom.split('<ol class="stories">')[1].split("</ol>")[0]
    links = re.findall(r'<a href="([^"]+)">', stories)
    stored = {url for (url,) in sql("SELECT url FROM articles UNION SELECT url FROM headlines")}
    members = sql("SELECT count(*) FROM story_members WHERE day = :d", d=D).scalar_one()
    items = sum(ul.count("<li>") for ul in re.findall(r'<ul class="members">(.*?)</ul>', stories))
    assert links and len(links) == items  # every member is a link
    assert set(links) <= stored and len(links) <= members
    assert "published " in stories and ", seen " in stories
    health = dom.split('<section id="health">')[1].split("</section>")[0]
    assert "Last crawl of each source" in health and "Data-quality checks" in health
    assert "sources_fresh: " in health and "no_duplicate_canonical_url: passed" in health


def test_a_day_without_data_has_a_clear_empty_state(reported, tmp_path):
    page = tmp_path / "empty.html"
    show.main(reported, SimpleNamespace(day="2026-10-01", html=str(page)))
    html = page.read_text()
    assert '<section id="empty-state">' in html and "newsetl crawl SOURCE" in html
    assert '<svg id="volume-chart"' not in html  # no chart of 14 empty days
    assert "No article stored in the 14 days up to 2026-10-01." in html


def test_delays_read_in_hours_and_minutes():
    assert [render.minutes(m) for m in (None, 0.4, 25, 98, 120, 1500, 2880)] == [
        "-", "0 min", "25 min", "1 h 38 min", "2 h", "1 d 1 h", "2 d",
    ]  # fmt: skip


@needs_chromium
def test_chromium_check_sees_page_errors(tmp_path):
    """The check above would see a broken page: a console message or an uncaught error."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><p>x</p><script>console.log("hi"); nosuch();</script>')
    result = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page=page)
    assert len(page_errors(result)) == 2
