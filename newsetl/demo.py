"""``make demo``: serve the bundled demo site, crawl it with every spider into PostgreSQL
as ``scrapy crawl`` subprocesses, compute the daily reports, and print them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsetl import demosite
from newsetl.config import load_sources

ROOT = Path(__file__).resolve().parent.parent
# The demo site is local: no politeness delay is needed against it.
LOCAL_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
}


def crawl(spider: str, env: dict, log: Path, *args: str) -> int:
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, *args]
    for key, value in LOCAL_SETTINGS.items():
        cmd += ["-s", f"{key}={value}"]
    cmd += ["-s", f"LOG_FILE={log}"]
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


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
    env = os.environ | {"DATABASE_URL": url, "NEWSETL_DEMO_SITE": base}
    os.environ["NEWSETL_DEMO_SITE"] = base
    logs = ROOT / ".newsetl" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    print(f"Demo site on {base}; crawling into {url.split('@')[-1]}")
    try:
        sources = [s for s in load_sources().values() if s.homepage.startswith(base)]
        failed = 0
        for source in sources:
            for spider, points in source.entry_points.items():
                if points:
                    code = crawl(
                        spider,
                        env,
                        logs / f"{spider}-{source.name}.log",
                        "-a",
                        f"source={source.name}",
                    )
                    print(f"  scrapy crawl {spider} -a source={source.name}: exit {code}")
                    failed += code != 0
        urls_file = logs.parent / "demo-urls.txt"
        urls_file.write_text("\n".join(demosite.DemoSite().article_urls(base)[::8]) + "\n")
        code = crawl("urls", env, logs / "urls.log", "-a", f"urls={urls_file}")
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
