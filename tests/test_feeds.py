"""The entry-point parsers on odd and hostile input."""

import json
from datetime import UTC, datetime

import pytest

from newsetl.extraction.entries import (
    NotAFeed,
    parse_any_sitemap,
    parse_feed,
    parse_sitemap,
    parse_text_sitemap,
    repair_character_references,
    robots_sitemaps,
)

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Markets rise &amp; yen steadies</title><link>https://wire.example/a</link>
<description>&lt;p&gt;Stocks &lt;b&gt;up&lt;/b&gt;&lt;/p&gt;</description>
<pubDate>Sat, 29 Nov 2026 14:05:00 +0100</pubDate></item>
<item><title>No link here</title></item>
<item><title>Relative</title><link>/b</link><pubDate>not a date</pubDate></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://wire.example/"><title>Wire</title></channel>
<item rdf:about="https://wire.example/c"><title>Floods hit Vietnam</title>
<link>https://wire.example/c</link><dc:date>2026-11-29T08:00:00Z</dc:date></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>tag:w</id>
<updated>2026-11-29T10:00:00Z</updated>
<entry><title>Quake shakes Japan</title><id>tag:w:1</id>
<link rel="alternate" href="https://wire.example/d"/><published>2026-11-29T09:30:00+09:00</published>
<updated>2026-11-29T10:00:00Z</updated><summary>No tsunami warning.</summary></entry>
</feed>"""


def test_rss_entries_in_feed_order():
    first, relative = parse_feed(RSS)
    assert first.url == "https://wire.example/a"
    assert first.title == "Markets rise & yen steadies"
    assert first.summary == "Stocks up"
    assert first.published_at == datetime(2026, 11, 29, 13, 5, tzinfo=UTC)
    assert (relative.url, relative.published_at, relative.published_at_raw) == (
        "/b",
        None,
        "not a date",
    )


def test_rss_1_0_rdf_and_atom():
    (rdf,) = parse_feed(RDF)
    assert (rdf.url, rdf.published_at) == (
        "https://wire.example/c",
        datetime(2026, 11, 29, 8, tzinfo=UTC),
    )
    (atom,) = parse_feed(ATOM)
    assert atom.url == "https://wire.example/d" and atom.summary == "No tsunami warning."
    assert atom.published_at == datetime(2026, 11, 29, 0, 30, tzinfo=UTC)


def test_truncated_feed_keeps_the_entries_before_the_cut():
    entries = parse_feed(RSS[: RSS.index(b"<item><title>No link")])
    assert [e.url for e in entries] == ["https://wire.example/a"]


@pytest.mark.parametrize(
    "body", [b"", b"<html><body><p>Hello</p></body></html>", b"\x89PNG\r\n\x1a\n\x00\x00binary"]
)
def test_not_a_feed(body):
    with pytest.raises(NotAFeed):
        parse_feed(body)


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://wire.example/e</loc><lastmod>2026-11-29T12:00:00+08:00</lastmod>
<news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language>
</news:publication><news:publication_date>2026-11-29T10:00:00+08:00</news:publication_date>
<news:title>Copper strike ends</news:title></news:news></url>
<url><loc>https://wire.example/f</loc><lastmod>2026-11-01</lastmod></url>
<url><lastmod>2026-11-01</lastmod></url>
</urlset>"""


def test_news_sitemap_dates_and_titles():
    sitemap = parse_sitemap(NEWS_SITEMAP)
    assert sitemap.kind == "urlset"
    news, plain = sitemap.entries
    assert (news.url, news.title) == ("https://wire.example/e", "Copper strike ends")
    assert news.published_at == datetime(2026, 11, 29, 2, tzinfo=UTC)  # publication_date wins
    assert plain.published_at == datetime(2026, 11, 1, tzinfo=UTC)


def test_sitemap_index():
    body = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>https://wire.example/news.xml</loc></sitemap></sitemapindex>"
    )
    sitemap = parse_sitemap(body)
    assert sitemap.kind == "index" and sitemap.entries[0].url == "https://wire.example/news.xml"


def test_sitemap_entities_are_never_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://wire.example/&x;</loc></url></urlset>"
    ).encode()
    entries = parse_sitemap(xxe).entries
    assert all("TOP-SECRET" not in (e.url or "") for e in entries)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + b']><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://w/&i;</loc></url></urlset>'
    )
    entries = parse_sitemap(laughs).entries
    assert all(len(e.url) < 1000 for e in entries)


def test_feed_entities_are_never_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>&x;</title>'
        "<link>https://wire.example/a</link></item></channel></rss>"
    ).encode()
    for entry in parse_feed(body):
        assert "TOP-SECRET" not in (entry.title or "")


@pytest.mark.parametrize("body", [b"", b"<html/>", b"<urlset><url><loc>", b"\x00\x01garbage"])
def test_not_a_sitemap(body):
    try:
        entries = parse_sitemap(body).entries
    except NotAFeed:
        return
    assert entries == []


@pytest.mark.parametrize("reference", ["&#xD800;", "&#xdfff;", "&#55296;", "&#0;", "&#x110000;"])
def test_references_to_impossible_characters_become_a_replacement_character(reference):
    body = RSS.replace(b"</title>", reference.encode() + b"</title>", 1)
    repaired, count = repair_character_references(body)
    assert count == 1 and b"&#xFFFD;" in repaired
    assert len(parse_feed(body)) == len(parse_feed(RSS))  # no entry lost
    sitemap = NEWS_SITEMAP.replace(b"</news:title>", reference.encode() + b"</news:title>", 1)
    assert len(parse_sitemap(sitemap).entries) == len(parse_sitemap(NEWS_SITEMAP).entries)
    assert repair_character_references(b"&#x41;&#233;&#x1F600;") == (b"&#x41;&#233;&#x1F600;", 0)


def test_script_and_style_text_never_reaches_a_title_or_summary():
    title = '&lt;script&gt;track("a1")&lt;/script&gt;Ferry trial &lt;em&gt;approved&lt;/em&gt;'
    summary = "&lt;style&gt;.x{color:red}&lt;/style&gt;&lt;p&gt;Night boats.&lt;/p&gt;"
    body = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>{title}</title><link>https://wire.example/ferry</link>
<description>{summary}</description></item></channel></rss>"""
    (entry,) = parse_feed(body.encode())
    assert entry.title == "Ferry trial approved"
    assert entry.summary == "Night boats."


def json_feed(version: str, items: list) -> bytes:
    return json.dumps({"version": version, "title": "Wire", "items": items}).encode()


@pytest.mark.parametrize("version", ["1", "1.1"])
def test_json_feed(version):
    body = json_feed(
        f"https://jsonfeed.org/version/{version}",
        [
            {
                "id": 2041 if version == "1" else "2041",  # 1.0 allowed numbers
                "url": "https://wire.example/g",
                "external_url": "https://elsewhere.example/",
                "title": "Rates <em>held</em>",
                "summary": "The bank waits.",
                "date_published": "2026-11-29T10:00:00+01:00",
            },
            {"id": "x", "external_url": "https://wire.example/h", "date_modified": "2026-11-28"},
            {"id": "no-link", "title": "Skipped"},
            "not an item",
        ],
    )
    first, second = parse_feed(b"\xef\xbb\xbf\n" + body)  # a BOM and blank line first
    assert (first.url, first.title, first.summary) == (
        "https://wire.example/g",
        "Rates held",
        "The bank waits.",
    )
    assert (first.published_at, first.external_id) == (
        datetime(2026, 11, 29, 9, tzinfo=UTC),
        "2041",
    )
    assert (second.url, second.external_id, second.published_at_raw) == (
        "https://wire.example/h",
        "x",
        "2026-11-28",
    )


@pytest.mark.parametrize(
    "body",
    [
        b'{"version": "https://example.org/not-jsonfeed", "items": []}',
        b'{"items": [{"url": "https://wire.example/a"}]}',
        b"{not json",
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,  # deep enough to exhaust a recursive parser
        b"{" + b'"a":{' * 100_000,
    ],
)
def test_other_json_is_not_a_feed(body):
    with pytest.raises(NotAFeed):
        parse_feed(body)


def test_entry_ids_are_kept():
    rss = RSS.replace(b"<link>https://wire.example/a</link>", b"<guid>wire-81</guid>")
    rss = rss.replace(b"</title>", b"</title><link>https://wire.example/a</link>", 2)
    assert parse_feed(rss)[0].external_id == "wire-81"
    assert parse_feed(ATOM)[0].external_id == "tag:w:1"
    assert parse_feed(RSS)[0].external_id is None  # no <guid>, no id


def test_text_sitemap_one_url_per_line():
    body = b"\xef\xbb\xbfhttps://wire.example/a\r\n\n# a comment\nnot a url\n"
    body += b"  https://wire.example/b  \n"
    sitemap = parse_any_sitemap(body)
    assert sitemap.kind == "urlset"
    assert [e.url for e in sitemap.entries] == ["https://wire.example/a", "https://wire.example/b"]
    with pytest.raises(NotAFeed):
        parse_text_sitemap(b"hello\nworld\n")


@pytest.mark.parametrize("feed", [RSS, ATOM, json_feed("https://jsonfeed.org/version/1.1", [])])
def test_feeds_listed_as_sitemaps_give_their_entries(feed):
    sitemap = parse_any_sitemap(feed)
    assert sitemap.kind == "urlset"
    assert [e.url for e in sitemap.entries] == [e.url for e in parse_feed(feed)]


@pytest.mark.parametrize("body", [b"", b"<html><body><p>Hi</p></body></html>", b"\x00\x01"])
def test_anything_else_listed_as_a_sitemap_is_not_a_sitemap(body):
    with pytest.raises(NotAFeed):
        parse_any_sitemap(body)


def test_every_sitemap_path_is_safe_from_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doctype = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa">'
    doctype += "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    doctype += "]>"
    hostile = [
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><item><title>&x;&i;</title>'
        "<guid>&x;</guid><link>https://wire.example/a</link></item></channel></rss>",
        f'<?xml version="1.0"?>{doctype}<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        '<title>&i;</title><id>&x;</id><link href="https://wire.example/&x;"/></entry></feed>',
    ]
    for body in hostile:
        for entry in parse_any_sitemap(body.encode()).entries:
            fields = [entry.url, entry.title or "", entry.external_id or ""]
            assert all("TOP-SECRET" not in f and len(f) < 1000 for f in fields)


def test_robots_txt_sitemap_lines():
    robots = (
        "\ufeffSitemap: https://wire.example/first.xml\r\n"  # a BOM before the first line
        "User-agent: *\nDisallow: /private\n"
        "  sitemap :   https://wire.example/spaced.xml  \n"
        "Site-map: https://wire.example/hyphen.xml\n"
        "\tSITEMAP:/relative.xml.gz\n"
        "Sitemap: https://wire.example/first.xml\n"  # a repeat
        "# Sitemap: https://wire.example/commented.xml\n"
        "Sitemap:\n"
    ).encode()
    assert robots_sitemaps(robots, "https://wire.example/robots.txt") == [
        "https://wire.example/first.xml",
        "https://wire.example/spaced.xml",
        "https://wire.example/hyphen.xml",
        "https://wire.example/relative.xml.gz",
    ]
    assert robots_sitemaps(b"User-agent: *\nDisallow:\n", "https://wire.example/robots.txt") == []
