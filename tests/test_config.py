"""sources.yaml: the shipped file loads; mistakes are errors naming the source and field."""

import textwrap

import pytest

from newsetl.config import SourceConfigError, load_sources, parse_sources, source_for_url

VALID = {
    "name": "wire",
    "title": "Wire",
    "homepage": "https://wire.example/",
    "allowed_domains": ["wire.example"],
    "language": "en",
    "country": "GB",
    "feeds": ["https://wire.example/rss.xml"],
}


def sources(**changes):
    return {"sources": [{**VALID, **changes}]}


def test_shipped_sources_load_with_demo_and_real_outlets():
    loaded = load_sources()
    demo = [s for s in loaded.values() if "127.0.0.1" in s.allowed_domains]
    real = [s for s in loaded.values() if "127.0.0.1" not in s.allowed_domains]
    assert len(demo) >= 3 and len(real) >= 3
    assert all(s.feeds or s.sitemaps or s.listings for s in loaded.values())


def test_valid_source_gets_defaults():
    (source,) = parse_sources(sources()).values()
    assert source.schedule == "@hourly"
    assert source.concurrency == 1 and source.active
    assert source.owns("https://www.wire.example/a") and not source.owns("https://evil.example/")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": None}, "source 'wire': missing required field 'title'"),
        ({"allowed_domains": []}, "source 'wire': missing required field 'allowed_domains'"),
        ({"feeds": "https://wire.example/rss"}, "source 'wire': field 'feeds': expected a list"),
        ({"feeds": ["ftp://wire.example/rss"]}, "source 'wire': field 'feeds'[0]: expected an"),
        ({"feds": []}, "source 'wire': unknown field 'feds'"),
        ({"name": "Wire Service"}, "field 'name' must be lower-case"),
        ({"concurrency": "two"}, "source 'wire': field 'concurrency' has the wrong type"),
        ({"feeds": ["https://other.example/rss"]}, "is not on the source's allowed_domains"),
        ({"listings": [{"url": "https://wire.example/", "link": "a"}]}, "field 'listings'[0]"),
        ({"language": "english"}, "field 'language' must be an ISO 639-1 code such as 'en'"),
        ({"language": "xx"}, "field 'language' must be an ISO 639-1 code"),
        ({"country": "UK"}, "field 'country' must be an ISO 3166-1 code such as 'GB'"),
    ],
)
def test_mistakes_name_the_source_and_field(changes, message):
    with pytest.raises(SourceConfigError, match=None) as error:
        parse_sources(sources(**changes))
    assert message in str(error.value)


def test_duplicate_names_and_missing_list():
    with pytest.raises(SourceConfigError, match="duplicate name"):
        parse_sources({"sources": [VALID, VALID]})
    with pytest.raises(SourceConfigError, match="top-level 'sources:' list"):
        parse_sources({"outlets": []})
    dashed, underscored = VALID | {"name": "city-news"}, VALID | {"name": "city_news"}
    with pytest.raises(SourceConfigError, match="too close to source 'city-news'.*crawl_city_news"):
        parse_sources({"sources": [dashed, underscored]})


def test_environment_variables_expand(monkeypatch, tmp_path):
    monkeypatch.setenv("WIRE_HOST", "http://127.0.0.1:9999")
    path = tmp_path / "sources.yaml"
    path.write_text(
        textwrap.dedent("""
        sources:
          - name: wire
            title: Wire
            homepage: ${WIRE_HOST}/wire/
            allowed_domains: [127.0.0.1]
            language: en
            country: GB
            feeds:
              - ${WIRE_HOST:-http://unused}/wire/rss.xml
              - ${UNSET_VARIABLE:-http://127.0.0.1:1}/other.xml
    """)
    )
    source = load_sources(path)["wire"]
    assert source.feeds == ("http://127.0.0.1:9999/wire/rss.xml", "http://127.0.0.1:1/other.xml")


def test_invalid_yaml_and_missing_file(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources: [unclosed")
    with pytest.raises(SourceConfigError, match="not valid YAML"):
        load_sources(path)
    with pytest.raises(SourceConfigError, match="sources file not found"):
        load_sources(tmp_path / "missing.yaml")


def test_source_for_url_prefers_homepage_then_domain():
    configured = parse_sources(
        {
            "sources": [
                {
                    **VALID,
                    "name": "a",
                    "homepage": "http://127.0.0.1:8/a/",
                    "allowed_domains": ["127.0.0.1"],
                    "feeds": [],
                },
                {
                    **VALID,
                    "name": "b",
                    "homepage": "http://127.0.0.1:8/b/",
                    "allowed_domains": ["127.0.0.1"],
                    "feeds": [],
                },
                VALID,
            ]
        }
    )
    assert source_for_url("http://127.0.0.1:8/b/story.html", configured) == "b"
    assert source_for_url("https://news.wire.example/x", configured) == "wire"
    assert source_for_url("https://Unknown.example/x", configured) == "unknown.example"


def test_source_concurrency_becomes_a_download_slot(tmp_path, monkeypatch):
    from scrapy.settings import Settings

    from spiders.feeds import FeedsSpider

    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - {name: wire, title: Wire, homepage: 'https://wire.example/', language: en,\n"
        "     country: GB, allowed_domains: [wire.example, cdn.wire.example], concurrency: 4,\n"
        "     feeds: ['https://wire.example/rss']}\n"
        "  - {name: slow, title: Slow, homepage: 'https://slow.example/', language: en,\n"
        "     country: GB, allowed_domains: [slow.example], feeds: ['https://slow.example/rss']}\n"
    )
    monkeypatch.setenv("NEWSETL_SOURCES", str(path))
    settings = Settings({"CONCURRENT_REQUESTS_PER_DOMAIN": 1})
    FeedsSpider.update_settings(settings)
    assert settings.getdict("DOWNLOAD_SLOTS") == {
        "wire.example": {"concurrency": 4},
        "cdn.wire.example": {"concurrency": 4},
    }


def test_a_changed_environment_is_seen_by_the_next_load(monkeypatch, tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - {name: wire, title: Wire, homepage: '${HOST}/', language: en,\n"
        "     country: GB, allowed_domains: [127.0.0.1], feeds: ['${HOST}/rss']}\n"
    )
    monkeypatch.setenv("HOST", "http://127.0.0.1:1")
    assert load_sources(path)["wire"].feeds == ("http://127.0.0.1:1/rss",)
    monkeypatch.setenv("HOST", "http://127.0.0.1:2")
    assert load_sources(path)["wire"].feeds == ("http://127.0.0.1:2/rss",)


def test_sitemaps_auto_discovers_them_and_makes_a_sitemaps_source():
    (source,) = parse_sources(sources(feeds=[], sitemaps="auto")).values()
    assert source.discover_sitemaps and source.sitemaps == ()
    assert source.entry_points["sitemaps"] and not source.entry_points["feeds"]
    (listed,) = parse_sources(sources(sitemaps=["https://wire.example/s.xml"])).values()
    assert not listed.discover_sitemaps and listed.sitemaps == ("https://wire.example/s.xml",)
    with pytest.raises(SourceConfigError, match="field 'sitemaps': expected a list of URLs"):
        parse_sources(sources(sitemaps="sometimes"))
    with pytest.raises(SourceConfigError, match="unknown field 'discover_sitemaps'"):
        parse_sources(sources(discover_sitemaps=True))
