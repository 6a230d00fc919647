"""Benchmark: item pipelines, the Postgres store and a whole demo crawl.

    .venv/bin/python tests/benchmarks/bench_pipeline.py [N_ARTICLES]

Starts a throwaway PostgreSQL cluster; prints items/s for the clean->dedup pipelines, rows/s
for batched upserts (first insert and idempotent re-upsert), and pages/s for real
`scrapy crawl` runs of the three demo sources.
"""

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime

from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine, text

from demosite import DemoSite, serve
from newsetl.crawling.extensions import CrawlRuns
from newsetl.items import Article
from newsetl.localdb import throwaway_cluster
from newsetl.paths import ROOT
from pipelines.clean import CleanPipeline
from pipelines.dedup import DedupPipeline
from pipelines.normalize import NormalizePipeline
from pipelines.store import PostgresStorePipeline
from pipelines.validate import ValidatePipeline


def articles(n: int) -> list[Article]:
    site = DemoSite()
    now = datetime.now(UTC)
    out = []
    for i in range(n):
        a = site.articles[i % len(site.articles)]
        out.append(
            Article(
                url=f"https://wire.example/{i}/{a.slug}.html?utm_source=bench",
                source="meridian-wire",
                title=f" {a.headline} &amp; more ",
                description=a.summary,
                authors=list(a.authors),
                published_at_raw=a.published.isoformat(),
                language="en-GB",
                section=a.section,
                tags=list(a.tags),
                body="\n\n".join(a.paragraphs),
                fetched_at=now,
            )
        )
    return out


def bench_pipelines(items: list[Article]) -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    chain = [
        cls.from_crawler(crawler)
        for cls in (CleanPipeline, NormalizePipeline, ValidatePipeline, DedupPipeline)
    ]
    start = time.perf_counter()
    for item in items:
        for pipeline in chain:
            item = pipeline.process_item(item)
    elapsed = time.perf_counter() - start
    print(f"pipelines (clean, normalize, validate, dedup): {len(items) / elapsed:,.0f} items/s")


async def store(url: str, items: list[Article]) -> float:
    crawler = get_crawler(
        settings_dict={
            "DATABASE_URL": url,
            "STORE_BATCH_SIZE": 100,
            "STORE_FLUSH_SECONDS": 3600,
            "SPOOL_DIR": tempfile.mkdtemp(),
            "EXTENSIONS": {CrawlRuns: 100},
        }
    )
    crawler.spider = Spider("bench")
    crawler.stats.open_spider()
    runs = crawler.get_extension(CrawlRuns)
    pipeline = PostgresStorePipeline.from_crawler(crawler)
    await runs.spider_opened(crawler.spider)
    start = time.perf_counter()
    for item in items:
        await pipeline.process_item(item)
    await pipeline.close_spider()
    elapsed = time.perf_counter() - start
    await runs.spider_closed(crawler.spider, "finished")
    return elapsed


def bench_store(url: str, items: list[Article]) -> None:
    ready = []
    crawler = get_crawler()
    crawler.stats.open_spider()
    chain = [NormalizePipeline.from_crawler(crawler)]
    for item in items:
        ready.append(chain[0].process_item(replace(item)))
    first = asyncio.run(store(url, ready))
    again = asyncio.run(store(url, ready))
    print(
        f"store, batches of 100: {len(ready) / first:,.0f} rows/s first insert, "
        f"{len(ready) / again:,.0f} rows/s idempotent re-upsert"
    )


def bench_crawl(url: str) -> None:
    server = serve("127.0.0.1", 0)
    base = "http://{}:{}".format(*server.server_address[:2])
    env = os.environ | {"DATABASE_URL": url, "NEWSETL_DEMO_SITE": base}
    pages = 0
    start = time.perf_counter()
    for spider, source in (
        ("feeds", "meridian-wire"),
        ("sitemaps", "harbour-times"),
        ("listing", "daily-courier"),
    ):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                spider,
                "-a",
                f"source={source}",
                "-a",
                "refetch=true",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "LOG_LEVEL=ERROR",
                "-s",
                "AUTOTHROTTLE_ENABLED=False",
                "-s",
                "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
    elapsed = time.perf_counter() - start
    engine = create_engine(url)
    with engine.connect() as conn:
        pages, crawling = conn.execute(
            text(
                "SELECT sum((stats->>'response_received_count')::int),"
                " sum((stats->>'elapsed_time_seconds')::float) FROM crawl_runs"
                " WHERE spider IN ('feeds', 'sitemaps', 'listing')"
            )
        ).one()
    engine.dispose()
    server.shutdown()
    server.server_close()
    print(
        f"demo crawl, 3 sources: {pages} pages in {crawling:.1f} s of crawling = "
        f"{pages / crawling:.1f} pages/s ({elapsed:.1f} s with 3 scrapy start-ups)"
    )


def bench_scheduler() -> None:
    """Enqueue and dequeue the article requests of a large sitemap: with the settings' single
    priority, and with one priority per request (what the spiders did before; quadratic)."""
    from scrapy import Request
    from scrapy.core.scheduler import Scheduler

    import newsetl.crawling.settings

    names = ("SCHEDULER_MEMORY_QUEUE", "SCHEDULER_DISK_QUEUE", "SCHEDULER_PRIORITY_QUEUE")
    crawler = get_crawler(
        Spider, {name: getattr(newsetl.crawling.settings, name) for name in names}
    )
    crawler.spider = Spider("bench")
    for n, priority, how in (
        (50_000, lambda rank: 0, "one priority"),
        (5_000, lambda rank: -rank, "one priority per request"),
        (10_000, lambda rank: -rank, "one priority per request"),
    ):
        scheduler = Scheduler.from_crawler(crawler)
        scheduler.open(crawler.spider)
        started = time.perf_counter()
        for rank in range(n):
            url = f"http://127.0.0.1/{rank}"
            scheduler.enqueue_request(Request(url, priority=priority(rank), dont_filter=True))
        while scheduler.next_request() is not None:
            pass
        print(f"scheduler, {n:,} requests, {how}: {time.perf_counter() - started:.2f} s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    items = articles(n)
    bench_scheduler()
    bench_pipelines([replace(i) for i in items])
    with throwaway_cluster("newsetl-bench-pg-") as cluster:
        bench_store(cluster.url, items)
        bench_crawl(cluster.url)


if __name__ == "__main__":
    main()
