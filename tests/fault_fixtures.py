"""Helpers for crawls against tests/faultserver.py: a sources file for the fault server,
an RSS feed of its routes, and a ``scrapy crawl`` runner that works at module scope (one
crawl, many tests) and reads back what was stored and counted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from helpers import FAST, ROOT, empty_database
from sqlalchemy import text

from newsetl import db


def rss(items: list[tuple[str, str]], title: str = "Faults") -> bytes:
    """An RSS 2.0 feed of (title, link) items, links written as given."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link></item>\n" for t, link in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>\n{entries}</channel></rss>"
    ).encode()


def sources_file(directory: Path, base: str, feeds=(), sitemaps=()) -> Path:
    """A sources.yaml with one source, ``faults``, on 127.0.0.1 only."""
    path = directory / "sources.yaml"
    source = {
        "name": "faults",
        "title": "Fault server",
        "homepage": base + "/",
        "allowed_domains": ["127.0.0.1"],
        "language": "en",
        "country": "GB",
        "feeds": [base + f for f in feeds],
        "sitemaps": [base + s for s in sitemaps],
    }
    path.write_text(json.dumps({"sources": [source]}))  # JSON is YAML
    return path


def run_crawl(
    workdir: Path,
    spider: str,
    *args: str,
    sources: Path,
    database: str | None = None,
    settings: dict | None = None,
    timeout: float = 90,
    empty: bool = True,
):
    """``scrapy crawl`` in a subprocess. The result has ``.returncode``, ``.log``,
    ``.items`` (exported), and with a database ``.stats`` (of the crawl run) and
    ``.stored`` (article URLs in the database). ``empty=False`` keeps what earlier crawls
    stored (``.stats`` is then the latest run's)."""
    out = workdir / f"{spider}-{len(list(workdir.glob('*.jsonl')))}.jsonl"
    log = out.with_suffix(".log")
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, *args, "-O", str(out)]
    cmd += ["-s", f"LOG_FILE={log}", "-s", f"SPOOL_DIR={workdir / 'spool'}"]
    for key, value in (FAST | (settings or {})).items():
        cmd += ["-s", f"{key}={value}"]
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ["NEWSETL_SOURCES"] = str(sources)
    if database:
        if empty:
            empty_database(database)
        environ["DATABASE_URL"] = database
    result = subprocess.run(
        cmd, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=timeout
    )
    result.log = log.read_text() if log.exists() else result.stderr
    result.items = (
        [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    )
    result.stats, result.stored = {}, []
    if database:
        engine = db.engine(database)
        with engine.begin() as conn:
            result.stats = conn.execute(
                text("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")
            ).scalar_one()
            result.stored = conn.execute(text("SELECT url FROM articles")).scalars().all()
        engine.dispose()
    return result
