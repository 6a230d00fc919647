"""Real crawls: `scrapy crawl` subprocesses against the demo site on 127.0.0.1, into a real
PostgreSQL. Expected counts come from the demo site's own content, not from constants."""

from collections import Counter

import pytest

from demosite import ARTICLES_PER_OUTLET, HEADLINES_PER_OUTLET, DemoSite
from demosite.courier import PRIVATE_PATH
from newsetl.config import load_sources

pytestmark = pytest.mark.slow
OUTLET = {"meridian-wire": "meridian", "harbour-times": "harbour", "daily-courier": "courier"}
MERIDIAN_FEEDS = len(load_sources()["meridian-wire"].feeds)
SPIDER = {"meridian-wire": "feeds", "harbour-times": "sitemaps", "daily-courier": "listing"}


def counts(sql):
    return (
        sql(
            "SELECT (SELECT count(*) FROM headlines) AS headlines,"
            " (SELECT count(*) FROM headline_sightings) AS sightings,"
            " (SELECT count(*) FROM articles) AS articles,"
            " (SELECT count(*) FROM article_revisions) AS revisions"
        )
        .one()
        ._asdict()
    )


@pytest.mark.parametrize("source", list(SPIDER))
def test_crawl_stores_every_headline_and_article_of_a_source(crawl, db_url, sql, source):
    result = crawl(SPIDER[source], "-a", f"source={source}", database=db_url)
    assert result.returncode == 0, result.log[-3000:]
    outlet = OUTLET[source]
    stored = sql(
        "SELECT (SELECT count(*) FROM headlines WHERE source = :s) AS headlines,"
        " (SELECT count(*) FROM articles WHERE source = :s) AS articles",
        s=source,
    ).one()
    assert stored.articles == ARTICLES_PER_OUTLET[outlet]
    assert stored.headlines == HEADLINES_PER_OUTLET[outlet]
    run = sql("SELECT spider, source, status, items_stored, stats FROM crawl_runs").one()
    assert (run.spider, run.source, run.status) == (SPIDER[source], source, "finished")
    assert run.stats["newsetl/store/articles"] == ARTICLES_PER_OUTLET[outlet]
    assert "log_count/ERROR" not in run.stats
    bad = sql(
        "SELECT url FROM articles WHERE title = '' OR body = '' OR word_count < 50"
        " OR published_at IS NULL OR canonical_url LIKE '%utm_%'"
    ).all()
    assert bad == []
    languages = sql("SELECT language, count(*) FROM articles GROUP BY 1").all()
    assert dict(languages) == Counter(a.lang for a in DemoSite().outlet_articles(outlet))


def test_second_crawl_adds_no_rows_and_fetches_no_stored_article(crawl, db_url, sql):
    first = crawl("feeds", "-a", "source=meridian-wire", database=db_url)
    assert first.returncode == 0
    before = counts(sql)
    second = crawl("feeds", "-a", "source=meridian-wire", database=db_url)
    assert second.returncode == 0
    after = counts(sql)
    assert after["headlines"] == before["headlines"]
    assert after["articles"] == before["articles"] == ARTICLES_PER_OUTLET["meridian"]
    assert after["revisions"] == before["revisions"]
    assert after["sightings"] == 2 * before["sightings"]  # seen again, in a second run
    runs = sql("SELECT stats FROM crawl_runs ORDER BY id").scalars().all()
    stored_links = ARTICLES_PER_OUTLET["meridian"] * MERIDIAN_FEEDS  # each feed links them all
    assert runs[1]["newsetl/articles/already_stored"] == stored_links
    assert runs[1].get("newsetl/store/articles", 0) == 0  # nothing fetched or rewritten


def test_refetch_rewrites_nothing_when_content_is_unchanged(crawl, db_url, sql):
    assert crawl("feeds", "-a", "source=meridian-wire", database=db_url).returncode == 0
    before = counts(sql)
    again = crawl("feeds", "-a", "source=meridian-wire", "-a", "refetch=true", database=db_url)
    assert again.returncode == 0
    stats = sql("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").scalar_one()
    assert stats["newsetl/store/articles"] == ARTICLES_PER_OUTLET["meridian"]
    assert counts(sql) | {"sightings": 0} == before | {"sightings": 0}
    assert sql("SELECT max(revision) FROM articles").scalar_one() == 1


def test_robots_txt_disallowed_page_is_never_fetched(crawl, demo_site, db_url, sql, tmp_path):
    allowed = DemoSite().article_urls(demo_site, "courier")[0]
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{allowed}\n{demo_site}{PRIVATE_PATH}\n")
    result = crawl("urls", "-a", f"urls={listing}", database=db_url)
    assert result.returncode == 0
    assert sql("SELECT url FROM articles").scalars().all() == [allowed]
    stats = sql("SELECT stats FROM crawl_runs").scalar_one()
    assert stats["robotstxt/forbidden"] == 1
    assert stats["downloader/request_count"] == 2  # robots.txt and the allowed article


def test_without_a_database_items_are_exported_and_the_store_says_it_is_off(crawl):
    result = crawl("feeds", "-a", "source=meridian-wire")
    assert result.returncode == 0, result.log[-3000:]
    assert result.log.count("DATABASE_URL is not set") == 1
    articles = [i for i in result.items if "body" in i]
    headlines = [i for i in result.items if "entry_point" in i]
    assert len(articles) == ARTICLES_PER_OUTLET["meridian"]
    assert len(headlines) == HEADLINES_PER_OUTLET["meridian"] * MERIDIAN_FEEDS  # RSS and Atom


@pytest.mark.parametrize("with_database", [True, False])
def test_urls_spider_writes_one_object_per_article(
    crawl, demo_site, db_url, sql, tmp_path, with_database
):
    urls = DemoSite().article_urls(demo_site)[:6]
    listing = tmp_path / "urls.txt"
    listing.write_text("# demo articles\n" + "\n".join(urls) + "\nnot a url\n")
    result = crawl("urls", "-a", f"urls={listing}", database=db_url if with_database else None)
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(i["url"] for i in result.items) == sorted(urls)
    fields = {
        "url",
        "canonical_url",
        "source",
        "title",
        "description",
        "authors",
        "published_at",
        "published_at_raw",
        "modified_at",
        "language",
        "section",
        "tags",
        "body",
        "image_url",
        "word_count",
        "id",
    }
    for item in result.items:
        assert fields <= item.keys()
        assert item["source"] in OUTLET and item["title"] and item["body"]
        assert item["published_at"].endswith("+00:00")
    stored = sql("SELECT count(*) FROM articles").scalar_one()
    assert stored == (len(urls) if with_database else 0)


def test_every_spider_twice_leaves_the_same_rows(crawl, db_url, sql):
    for _ in range(2):
        for source, spider in SPIDER.items():
            assert crawl(spider, "-a", f"source={source}", database=db_url).returncode == 0
        if _ == 0:
            first = counts(sql)
    second = counts(sql)
    assert second["headlines"] == first["headlines"] and second["articles"] == first["articles"]
    assert second["articles"] == sum(ARTICLES_PER_OUTLET.values())
    duplicates = sql(
        "SELECT canonical_url FROM articles GROUP BY canonical_url HAVING count(*) > 1"
    ).all()
    assert duplicates == []
