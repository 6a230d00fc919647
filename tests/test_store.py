"""The store pipeline on a real PostgreSQL, as a plain object: upserts, revisions, sightings."""

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from scrapy import Spider
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsetl.crawling.extensions import CrawlRuns
from newsetl.items import Article, Headline
from newsetl.normalize import article_id
from pipelines.store import PostgresStorePipeline

RUNS = {CrawlRuns: 100}

T0 = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
URL = "https://wire.example/2026/11/29/port-strike.html"
ARTICLE = Article(
    url=URL,
    canonical_url=URL,
    id=article_id(URL),
    source="wire",
    title="Dockers strike",
    description="Ports shut.",
    authors=["Ana Lima"],
    published_at=T0,
    body="First.\nSecond.",
    word_count=2,
    fetched_at=T0,
    language="en",
)


def store(url, tmp_path, *items, spider="feeds"):
    """One crawl's worth of items through the pipeline; returns the crawl stats."""

    async def run():
        settings = {"DATABASE_URL": url, "SPOOL_DIR": str(tmp_path), "EXTENSIONS": RUNS}
        crawler = get_crawler(settings_dict=settings)
        crawler.spider = Spider(spider)
        crawler.stats.open_spider()
        runs = crawler.get_extension(CrawlRuns)
        pipeline = PostgresStorePipeline.from_crawler(crawler)
        await runs.spider_opened(crawler.spider)
        for item in items:
            await pipeline.process_item(item)
        await pipeline.close_spider()
        await runs.spider_closed(crawler.spider, "finished")
        return crawler.stats.get_stats()

    return asyncio.run(run())


def test_store_is_off_without_a_database():
    with pytest.raises(NotConfigured, match="DATABASE_URL is not set"):
        crawler = get_crawler(settings_dict={"DATABASE_URL": "", "EXTENSIONS": RUNS})
        PostgresStorePipeline.from_crawler(crawler)


def test_an_edited_article_gets_a_revision_and_an_unchanged_one_does_not(db_url, sql, tmp_path):
    store(db_url, tmp_path, ARTICLE)
    later = T0 + timedelta(hours=2)
    store(db_url, tmp_path, replace(ARTICLE, fetched_at=later, modified_at=later))  # no edit
    assert sql("SELECT revision, last_fetched_at FROM articles").one() == (1, later)
    edited = replace(ARTICLE, body="First.\nSecond, corrected.", fetched_at=later, word_count=3)
    stats = store(db_url, tmp_path, edited)
    assert stats["newsetl/store/articles"] == 1
    row = sql("SELECT revision, body, first_fetched_at, last_fetched_at FROM articles").one()
    assert row == (2, "First.\nSecond, corrected.", T0, later)
    revisions = sql("SELECT revision, body FROM article_revisions ORDER BY revision").all()
    assert revisions == [(1, "First.\nSecond."), (2, "First.\nSecond, corrected.")]
    runs = sql("SELECT spider, status, items_stored FROM crawl_runs ORDER BY id").all()
    assert runs == [("feeds", "finished", 1)] * 3
    assert sql("SELECT name, title FROM sources").all() == [("wire", "wire")]  # not configured


def test_headlines_keep_first_and_last_seen_and_every_sighting(db_url, sql, tmp_path):
    seen = Headline(
        source="wire",
        url=URL,
        title="Dockers strike",
        entry_point="https://wire.example/rss",
        kind="feed",
        position=3,
        seen_at=T0,
    )
    store(
        db_url,
        tmp_path,
        seen,
        replace(seen, entry_point="https://wire.example/", kind="listing", position=1),
    )
    later = T0 + timedelta(hours=1)
    store(db_url, tmp_path, replace(seen, title="Dockers strike for a second day", seen_at=later))
    row = sql("SELECT title, first_seen_at, last_seen_at FROM headlines").one()
    assert row == ("Dockers strike for a second day", T0, later)
    sightings = sql(
        "SELECT kind, position, crawl_run_id FROM headline_sightings ORDER BY crawl_run_id, kind"
    ).all()
    first, second = (r for (r,) in sql("SELECT id FROM crawl_runs ORDER BY started_at"))
    assert sightings == [("feed", 3, first), ("listing", 1, first), ("feed", 3, second)]


def test_a_revision_is_a_change_so_a_reverted_edit_is_a_third_revision(db_url, sql, tmp_path):
    """One row per change of content (docs/DATA_FORMAT.md): A, B, A again is three rows."""
    edited = replace(ARTICLE, body="First.\nSecond, corrected.", word_count=3)
    for hours, version in enumerate((ARTICLE, edited, ARTICLE, ARTICLE)):
        store(db_url, tmp_path, replace(version, fetched_at=T0 + timedelta(hours=hours)))
    revisions = sql("SELECT revision, body, fetched_at FROM article_revisions ORDER BY revision")
    assert revisions.all() == [
        (1, ARTICLE.body, T0),
        (2, edited.body, T0 + timedelta(hours=1)),
        (3, ARTICLE.body, T0 + timedelta(hours=2)),  # the unchanged fourth fetch adds none
    ]


def test_headline_variants_and_provenance_are_stored(db_url, sql, tmp_path):
    article = replace(
        ARTICLE,
        title_variants={"h1": "Dockers strike", "og:title": "Dockers strike | Wire"},
        published_at_source="time[datetime]",
        extracted_by="trafilatura",
    )
    store(db_url, tmp_path, article)
    row = sql("SELECT title_variants, published_at_source, extracted_by FROM articles").one()
    assert row == (article.title_variants, "time[datetime]", "trafilatura")
    later = replace(  # a refetch keeps what the page declares now
        article,
        fetched_at=T0 + timedelta(hours=1),
        title_variants={"h1": "Dockers strike", "og:title": "Dockers walk out"},
        extracted_by="readability",
    )
    store(db_url, tmp_path, later)
    row = sql("SELECT title_variants, extracted_by FROM articles").one()
    assert row == (later.title_variants, "readability")
