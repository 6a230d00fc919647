"""``make demo``: serve the bundled demo site, crawl it with every spider into PostgreSQL
as ``scrapy crawl`` subprocesses, compute the daily reports, and print them."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import demosite
from newsetl.config import load_sources
from newsetl.crawls import DEMO_SETTINGS, run_scrapy
from newsetl.paths import ROOT


def crawl(spider: str, source: str | None, url: str, log: Path, *options: str) -> int:
    """``scrapy crawl`` of the demo site into ``url``, its log in ``log``; its exit code."""
    settings = DEMO_SETTINGS | {"LOG_FILE": log}
    return run_scrapy(spider, source, url, settings, options=options)[0]


def run_demo(url: str, port: int = 8765) -> int:
    from newsetl.reporting.render import render_text
    from newsetl.reporting.run import refresh
    from newsetl.reporting.show import load_day, print_summary

    try:
        server = demosite.serve("127.0.0.1", port)
    except OSError as exc:  # a fixed port keeps the demo's URLs, and so its rows, stable
        sys.exit(
            f"Cannot serve the demo site on 127.0.0.1:{port} ({exc.strerror}): "
            "stop what uses it or set NEWSETL_DEMO_PORT"
        )
    base = "http://{}:{}".format(*server.server_address[:2])
    os.environ["NEWSETL_DEMO_SITE"] = base  # the demo sources' URLs, in the crawls too
    logs = ROOT / ".newsetl" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    print(f"Demo site on {base}; crawling into {url.split('@')[-1]}")
    try:
        sources = [s for s in load_sources().values() if s.homepage.startswith(base)]
        failed = 0
        for source in sources:
            for spider, points in source.entry_points.items():
                if points:
                    code = crawl(spider, source.name, url, logs / f"{spider}-{source.name}.log")
                    print(f"  scrapy crawl {spider} -a source={source.name}: exit {code}")
                    failed += code != 0
        urls_file = logs.parent / "demo-urls.txt"
        urls_file.write_text("\n".join(demosite.DemoSite().article_urls(base)[::8]) + "\n")
        code = crawl("urls", None, url, logs / "urls.log", "-a", f"urls={urls_file}")
        print(f"  scrapy crawl urls -a urls={urls_file}: exit {code}")
        failed += code != 0
    finally:
        server.shutdown()
        server.server_close()
    print()
    print_summary(url)
    today = datetime.now(UTC).date()
    for day in (today - timedelta(days=1), today):  # the daily reports the DAG would write
        refresh(url, day)
    print(render_text(today, load_day(url, today)))
    return 1 if failed else 0
