"""Each pipeline as a plain object: exact outputs for odd inputs, and what it counts."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newsetl.items import Article, Headline
from pipelines.clean import CleanPipeline
from pipelines.dedup import DedupPipeline
from pipelines.normalize import NormalizePipeline
from pipelines.titles import SiteSuffixPipeline
from pipelines.validate import ValidatePipeline


@pytest.fixture
def crawler():
    crawler = get_crawler()
    crawler.stats.open_spider()
    return crawler


def article(**fields):
    base = {
        "url": "https://wire.example/2026/11/29/markets.html",
        "source": "wire",
        "title": "Markets rise",
        "body": "One paragraph.\nAnother one.",
    }
    return Article(**(base | fields))


def test_clean_repairs_text_fields(crawler):
    item = article(
        title="  Caf\u00c3\u00a9 owners   protest &amp; march\n",
        description="Cafe\u0301 prices",  # decomposed é
        body="  First   paragraph.\r\n\r\n\n  Second\tparagraph.  ",
        authors=["  Ana  Lima ", "Ana Lima", ""],
        tags=["Markets", " markets", "Markets"],
    )
    CleanPipeline.from_crawler(crawler).process_item(item)
    assert item.title == "Café owners protest & march"
    assert item.description == "Café prices" and len(item.description) == 11
    assert item.body == "First paragraph.\nSecond paragraph."
    assert item.authors == ["Ana Lima"]
    assert item.tags == ["Markets", "markets"]
    stats = crawler.stats.get_stats()
    assert {k: v for k, v in stats.items() if k.startswith("newsetl/clean/")} == {
        "newsetl/clean/title": 1,
        "newsetl/clean/description": 1,
        "newsetl/clean/body": 1,
        "newsetl/clean/authors": 1,
        "newsetl/clean/tags": 1,
    }


def test_clean_keeps_the_publishers_characters(crawler):
    """Mojibake is repaired and invisible characters dropped, but curly quotes, dashes,
    ligatures and full-width forms stay as the publisher wrote them."""
    item = article(
        title="“Night ferry” trial — it’s „gut“",
        body="Caf\u00c3\u00a9 owners’ co\u00adop – \ufb01ne\u200b print\nＡＢＣ！",
        title_variants={"og:title": "  ‘Night ferry’ \u00adtrial ", "h1": " "},
    )
    CleanPipeline.from_crawler(crawler).process_item(item)
    assert item.title == "“Night ferry” trial — it’s „gut“"
    assert item.body == "Café owners’ coop – \ufb01ne print\nＡＢＣ！"
    assert item.title_variants == {"og:title": "‘Night ferry’ trial"}


def test_clean_keeps_a_headline_link_and_id_as_published_minus_control_characters(crawler):
    item = Headline(
        source="wire",
        url="https://wire.example/a",
        url_raw=" /a?utm_source=rss&amp;x=1\x00#top ",
        external_id="\x00 tag:wire,2026:&amp;81\x1b",
    )
    CleanPipeline.from_crawler(crawler).process_item(item)
    assert item.url_raw == "/a?utm_source=rss&amp;x=1#top"  # entities and all, as published
    assert item.external_id == "tag:wire,2026:&amp;81"


def test_clean_cuts_a_title_of_thousands_of_characters(crawler):
    item = article(title="word " * 2000)
    CleanPipeline.from_crawler(crawler).process_item(item)
    assert len(item.title) <= 500 and item.title.endswith("word…")


def test_normalize_urls_dates_language_and_id(crawler):
    item = article(
        url="HTTPS://Wire.Example:443/2026/11/29/markets.html?utm_source=rss&b=2&a=1#top",
        canonical_url="/2026/11/29/markets.html?fbclid=xyz",
        image_url="//cdn.wire.example/pic.jpg",
        published_at_raw="Sat, 29 Nov 2026 14:05:00 +0100",
        language="en-GB",
        body="one two three",
    )
    NormalizePipeline.from_crawler(crawler).process_item(item)
    assert item.url == "https://wire.example/2026/11/29/markets.html?b=2&a=1"  # order kept
    assert item.canonical_url == "https://wire.example/2026/11/29/markets.html"
    assert item.image_url == "https://cdn.wire.example/pic.jpg"
    assert item.published_at == datetime(2026, 11, 29, 13, 5, tzinfo=UTC)
    assert item.language == "en" and item.word_count == 3
    assert item.id == hashlib.sha1(b"https://wire.example/2026/11/29/markets.html").hexdigest()


def test_normalize_refuses_other_schemes(crawler):
    item = Headline(source="wire", url="javascript:alert(1)")
    NormalizePipeline.from_crawler(crawler).process_item(item)
    assert item.url is None
    with pytest.raises(DropItem, match="headline_missing_url"):
        ValidatePipeline.from_crawler(crawler).process_item(item)
    assert crawler.stats.get_value("newsetl/dropped/headline_missing_url") == 1


def test_normalize_keeps_an_unparsable_date_raw_only(crawler):
    item = article(published_at_raw="the 45th of Brumaire")
    NormalizePipeline.from_crawler(crawler).process_item(item)
    assert item.published_at is None and item.published_at_raw == "the 45th of Brumaire"


@pytest.mark.parametrize("field", ["title", "body", "source"])
def test_validate_drops_articles_missing_a_required_field(crawler, field):
    with pytest.raises(DropItem, match=f"article_missing_{field}"):
        ValidatePipeline.from_crawler(crawler).process_item(article(**{field: None}))
    assert crawler.stats.get_value(f"newsetl/dropped/article_missing_{field}") == 1


def test_validate_removes_a_publication_time_in_the_future(crawler):
    future = datetime.now(UTC) + timedelta(days=30)
    item = article(published_at=future, published_at_raw="2099")
    assert ValidatePipeline.from_crawler(crawler).process_item(item) is item
    assert item.published_at is None and item.published_at_raw == "2099"
    assert crawler.stats.get_value("newsetl/validate/published_at_in_future") == 1


def test_dedup_within_a_run(crawler):
    dedup = DedupPipeline.from_crawler(crawler)
    first, again = article(id="a1"), article(id="a1", title="Other title")
    dedup.process_item(first)
    with pytest.raises(DropItem):
        dedup.process_item(again)
    feed = Headline(source="wire", url="https://wire.example/a", entry_point="feed")
    page = Headline(source="wire", url="https://wire.example/a", entry_point="front")
    dedup.process_item(feed)
    dedup.process_item(page)  # the same headline on another entry point is another sighting
    with pytest.raises(DropItem):
        dedup.process_item(
            Headline(source="wire", url="https://wire.example/a", entry_point="feed")
        )
    assert crawler.stats.get_value("newsetl/dedup/article") == 1
    assert crawler.stats.get_value("newsetl/dedup/headline") == 1


def test_a_site_suffix_the_sources_pages_repeat_comes_off_their_titles(crawler):
    """Nothing on these pages names the site, so each title keeps "| Harbour Ledger
    Weekly"; from the third page with that <title> ending on, the pipeline takes it off.
    Another source's titles, and a title that does not end with it, are left alone."""
    pipeline = SiteSuffixPipeline.from_crawler(crawler)

    def titled(headline, source="ledger", suffix=" | Harbour Ledger Weekly"):
        title = headline + suffix
        return article(source=source, title=title, title_variants={"title": title})

    titles = [
        pipeline.process_item(titled(h)).title
        for h in ("Ferry fares rise", "Port strike ends", "Dock cranes replaced", "Tide record")
    ]
    assert titles == [
        "Ferry fares rise | Harbour Ledger Weekly",
        "Port strike ends | Harbour Ledger Weekly",
        "Dock cranes replaced",
        "Tide record",
    ]
    other = pipeline.process_item(titled("Ferry fares rise", source="courier")).title
    assert other == "Ferry fares rise | Harbour Ledger Weekly"
    no_suffix = article(source="ledger", title="Harbour Ledger Weekly readers pick a pier")
    assert pipeline.process_item(no_suffix).title == no_suffix.title
    dated = article(source="ledger", title="Tide tables: 28.04.2026")  # a date is no suffix
    assert pipeline.process_item(dated).title == dated.title
    assert crawler.stats.get_value("newsetl/titles/site_suffix") == 2
