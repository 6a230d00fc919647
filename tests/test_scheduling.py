"""Articles are fetched in the order their entry point lists them (newest first) without
one priority per request: Scrapy's priority queue rescans every priority on each pop, which
made a 50,000-entry sitemap take minutes before its first article was fetched."""

from scrapy import Request
from scrapy.core.scheduler import Scheduler
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

import newsetl.crawling.settings
from newsetl.extraction.entries import Entry
from spiders.sitemaps import SitemapsSpider

ENTRIES = 5_000
QUEUE_SETTINGS = ("SCHEDULER_MEMORY_QUEUE", "SCHEDULER_DISK_QUEUE", "SCHEDULER_PRIORITY_QUEUE")


def test_a_large_sitemap_is_scheduled_in_its_order_with_one_priority(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    queues = {name: getattr(newsetl.crawling.settings, name) for name in QUEUE_SETTINGS}
    crawler = get_crawler(SitemapsSpider, settings_dict=queues)
    spider = SitemapsSpider.from_crawler(crawler, source="harbour-times")
    crawler.spider = spider
    (source,) = spider.sources
    base = source.homepage.rstrip("/")
    entries = [Entry(url=f"{base}/story-{n}.html") for n in range(ENTRIES)]
    response = XmlResponse(url=f"{base}/news-sitemap.xml", body=b"<urlset/>")

    output = spider.follow(response, source, "sitemap", entries)
    requests = [r for r in output if isinstance(r, Request)]
    assert len(requests) == ENTRIES
    assert {r.priority for r in requests} == {0}
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(spider)
    for request in requests:
        scheduler.enqueue_request(request)
    popped = [scheduler.next_request().url for _ in range(ENTRIES)]
    assert popped == [entry.url for entry in entries]  # first in, first out
