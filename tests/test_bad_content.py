"""Bad content in a real crawl: malformed, truncated and hostile feeds and sitemaps, pages
with a wrong or missing charset, mojibake, no body or binary content, impossible dates,
odd URLs and overlong titles. Each is dropped with a count or repaired; the crawl goes on."""

from datetime import UTC, datetime

import pytest
from fault_fixtures import run_crawl, sources_file
from faultserver import FaultServer

from newsetl.extract import extract_article
from newsetl.normalize import MAX_TITLE_CHARS, clean_body

pytestmark = pytest.mark.slow
SECRET = "TOP-SECRET-42"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 8
NO_BODY = b"<!DOCTYPE html><html><head><title>Nothing here</title></head></html>"
RSS_ITEM = "<item><title>{title}</title><link>{link}</link>{extra}</item>"


def feed(*items: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel>'
        f"<title>Bad</title>{''.join(items)}</channel></rss>"
    ).encode()


def item(title: str, link: str, extra: str = "") -> str:
    return RSS_ITEM.format(title=title, link=link, extra=extra)


def bad_routes(server: FaultServer, secret_file) -> dict:
    """Routes for the bad content; returns the expected article bodies by path."""
    base, port = server.base, server.port
    html = {i: server.article_html(i).decode() for i in range(16)}
    expected = {}

    def page(path, i, body: bytes, content_type: str):
        server.route(path)(lambda h: h.send(200, body, content_type))
        expected[path] = clean_body(extract_article(html[i], base + path).body)

    for i in range(4):
        page(f"/good/{i}", i, html[i].encode(), "text/html; charset=utf-8")
    # wrong charset: UTF-8 bytes declared as Latin-1 by the server (mojibake, repaired)
    page("/charset/wrong", 5, html[5].encode(), "text/html; charset=iso-8859-1")
    # missing charset: Windows-1252 bytes, no charset in the header nor in the page
    cp1252 = html[6].replace('<meta charset="utf-8">', "").encode("cp1252")
    page("/charset/missing", 6, cp1252, "text/html")
    # mojibake in the page itself: text that was UTF-8 decoded as Windows-1252 upstream
    mojibake = html[7].replace("—", "—".encode().decode("cp1252"))
    page("/mojibake", 7, mojibake.encode(), "text/html; charset=utf-8")
    server.route("/no-body")(lambda h: h.send(200, NO_BODY))
    server.route("/binary")(lambda h: h.send(200, PNG, "text/html"))
    server.route("/offsite/article")(lambda h: h.send(200, html[8].encode()))
    server.route("/xxe-canary")(lambda h: h.send(200, SECRET.encode(), "text/plain"))

    links = [
        item("Good", base + "/good/0", "<pubDate>Mon, 32 Nov 2026 25:61:00 +0100</pubDate>"),
        item("Relative", "/good/1", "<pubDate>Sat, 01 Jan 2095 10:00:00 +0000</pubDate>"),
        item("Protocol-less", f"//127.0.0.1:{port}/good/2", "<pubDate>01/02/2026</pubDate>"),
        item("word " * 2000, base + "/good/3"),
        item("Wrong charset", base + "/charset/wrong"),
        item("Missing charset", base + "/charset/missing"),
        item("Mojibake", base + "/mojibake"),
        item("No body", base + "/no-body"),
        item("Binary", base + "/binary"),
    ]
    hostile = [
        "file:///etc/passwd",
        f"file://{secret_file}",
        f"ftp://127.0.0.1:{port}/good/0",
        "data:text/html,%3Cp%3Ehello%3C/p%3E",
        "javascript:alert(1)",
        f"gopher://127.0.0.1:{port}/good/0",
        "mailto:desk@127.0.0.1",
        f"http://localhost:{port}/offsite/article",
        "https://evil.example/story",
        "//evil.example/story",
    ]
    links += [item(f"Hostile {n}", url) for n, url in enumerate(hostile)]
    rss_type = "application/rss+xml"
    server.route("/feed.xml")(lambda h: h.send(200, feed(*links), rss_type))
    truncated = feed(item("Before the cut", base + "/good/0"), item("After", base + "/good/1"))
    truncated = truncated[: truncated.index(b"<item><title>After")]
    server.route("/truncated.xml")(lambda h: h.send(200, truncated, rss_type))
    malformed = feed(item("Fish & chips <b>unclosed", base + "/good/2")).replace(b"</b>", b"")
    server.route("/malformed.xml")(lambda h: h.send(200, malformed, rss_type))
    server.route("/garbage.xml")(lambda h: h.send(200, PNG, rss_type))
    xxe = (
        f'<!DOCTYPE rss [<!ENTITY file SYSTEM "file://{secret_file}">'
        f'<!ENTITY web SYSTEM "{base}/xxe-canary">'
        '<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    hostile_feed = feed(item("&file;&web;&i;", base + "/good/3"), doctype=xxe)
    server.route("/xxe.xml")(lambda h: h.send(200, hostile_feed, rss_type))

    # one character reference no text can hold (a lone surrogate) in an otherwise good feed
    surrogate = feed(
        item("Split &#xD800; title", base + "/good/0"), item("Whole", base + "/good/1")
    )
    server.route("/surrogate.xml")(lambda h: h.send(200, surrogate, rss_type))
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom</title><entry><title>Low &#xDFFF; half</title><id>urn:x:1</id>"
        f'<link href="{base}/good/2"/></entry></feed>'
    ).encode()
    server.route("/surrogate.atom")(lambda h: h.send(200, atom, "application/atom+xml"))

    def sitemap(kind, *locs):
        inner = "".join(
            f"<{'sitemap' if kind == 'sitemapindex' else 'url'}><loc>{loc}</loc></"
            f"{'sitemap' if kind == 'sitemapindex' else 'url'}>"
            for loc in locs
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><{kind} '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</{kind}>'
        ).encode()

    index = sitemap(
        "sitemapindex",
        base + "/sitemap.xml",
        "/sitemap-truncated.xml",
        base + "/sitemap-garbage.xml",
        base + "/sitemap-xxe.xml",
        base + "/sitemap-surrogate.xml",
        f"file://{secret_file}",
        f"ftp://127.0.0.1:{port}/sitemap.xml",
        f"http://localhost:{port}/sitemap.xml",
    )
    xml = "application/xml"
    server.route("/sitemap-index.xml")(lambda h: h.send(200, index, xml))
    good_sitemap = sitemap("urlset", base + "/good/0", "data:text/html,hi", "/good/1")
    server.route("/sitemap.xml")(lambda h: h.send(200, good_sitemap, xml))
    cut = sitemap("urlset", base + "/good/2", base + "/good/3")
    cut = cut[: cut.index(b"/good/3")]
    server.route("/sitemap-truncated.xml")(lambda h: h.send(200, cut, xml))
    server.route("/sitemap-garbage.xml")(lambda h: h.send(200, b"<html><p>no</p></html>", xml))
    xxe_sitemap = sitemap("urlset", base + "/good/&file;&web;&i;").replace(
        b"<urlset", xxe.encode() + b"<urlset", 1
    )
    server.route("/sitemap-xxe.xml")(lambda h: h.send(200, xxe_sitemap, xml))
    news = sitemap("urlset", base + "/good/2").replace(
        b"</loc>", b"</loc><news:news><news:title>Half &#55296; a pair</news:title></news:news>"
    )
    news = news.replace(
        b"<urlset ", b'<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
    )
    server.route("/sitemap-surrogate.xml")(lambda h: h.send(200, news, xml))
    return expected


FEEDS = [
    "/feed.xml",
    "/truncated.xml",
    "/malformed.xml",
    "/garbage.xml",
    "/xxe.xml",
    "/surrogate.xml",
    "/surrogate.atom",
]


@pytest.fixture(scope="module")
def bad(tmp_path_factory, pg_url):
    """The server and one crawl of each spider: feeds, then sitemaps."""
    workdir = tmp_path_factory.mktemp("bad")
    secret = workdir / "secret.txt"
    secret.write_text(SECRET)
    with FaultServer() as server:
        expected = bad_routes(server, secret)
        sources = sources_file(workdir, server.base, feeds=FEEDS, sitemaps=["/sitemap-index.xml"])
        feeds = run_crawl(workdir, "feeds", sources=sources, database=pg_url)
        feed_log = list(server.log)
        sitemaps = run_crawl(workdir, "sitemaps", sources=sources, database=pg_url)
        yield server, expected, feeds, sitemaps, feed_log


def headlines(result, entry_point: str = "/feed.xml") -> dict[str, dict]:
    """The headlines seen on one feed or sitemap, by URL."""
    return {i["url"]: i for i in result.items if i.get("entry_point", "").endswith(entry_point)}


def articles(result) -> dict[str, dict]:
    return {i["url"]: i for i in result.items if "body" in i}


def test_both_crawls_finish_and_store_every_good_article(bad):
    server, expected, feeds, sitemaps, _ = bad
    for result in (feeds, sitemaps):
        assert result.returncode == 0, result.log[-3000:]
        assert "Traceback" not in result.log and "log_count/ERROR" not in result.stats
    assert sorted(feeds.stored) == sorted(server.base + p for p in expected)
    assert sorted(sitemaps.stored) == sorted(server.base + f"/good/{i}" for i in range(3))


def test_wrong_or_missing_charset_and_mojibake_are_repaired(bad):
    server, expected, feeds, _, _ = bad
    stored = articles(feeds)
    for path in ("/charset/wrong", "/charset/missing", "/mojibake"):
        body = stored[server.base + path]["body"]
        assert body == expected[path]
        assert "â€" not in body and "\ufffd" not in body
    assert feeds.stats["newsetl/repaired/charset"] == 1  # UTF-8 declared as Latin-1
    assert feeds.stats["newsetl/clean/body"] >= 1  # the mojibake was repaired in cleaning


def test_pages_with_no_body_or_binary_content_are_dropped_and_counted(bad):
    _, _, feeds, _, _ = bad
    assert feeds.stats["newsetl/dropped/not_an_article"] == 1
    assert feeds.stats["newsetl/dropped/binary"] == 1


def test_impossible_and_ambiguous_dates(bad):
    server, _, feeds, _, _ = bad
    seen = headlines(feeds)
    impossible = seen[server.base + "/good/0"]
    assert impossible["published_at"] is None
    assert impossible["published_at_raw"] == "Mon, 32 Nov 2026 25:61:00 +0100"
    future = seen[server.base + "/good/1"]  # a plausible year, but in the future: refused
    assert future["published_at"] is None and future["published_at_raw"].endswith(
        "2095 10:00:00 +0000"
    )
    assert feeds.stats["newsetl/validate/published_at_in_future"] == 1
    ambiguous = seen[server.base + "/good/2"]  # month first, as dateparser reads it; raw kept
    assert ambiguous["published_at"] == datetime(2026, 1, 2, tzinfo=UTC).isoformat()
    assert ambiguous["published_at_raw"] == "01/02/2026"


def test_relative_and_protocol_less_urls_are_resolved(bad):
    server, _, feeds, _, log = bad
    assert {server.base + "/good/1", server.base + "/good/2"} <= set(feeds.stored)
    assert any(h.path == "/good/2" for h in log)


def test_a_title_of_thousands_of_characters_is_cut(bad):
    server, _, feeds, _, _ = bad
    title = headlines(feeds)[server.base + "/good/3"]["title"]
    assert len(title) <= MAX_TITLE_CHARS and title.endswith("word…")


def test_other_schemes_and_other_domains_are_never_requested(bad):
    server, _, feeds, sitemaps, _ = bad
    assert feeds.stats["newsetl/headlines/offsite_or_invalid_url"] == 10
    assert sitemaps.stats["newsetl/headlines/offsite_or_invalid_url"] == 1  # data:
    assert sitemaps.stats["newsetl/sitemaps/offsite_or_invalid_url"] == 3  # file, ftp, localhost
    assert [h for h in server.log if not h.host.startswith("127.0.0.1:")] == []
    assert "offsite/filtered" not in feeds.stats  # refused before any request was made
    for result in (feeds, sitemaps):
        assert "root:" not in result.log and SECRET not in result.log
        assert all(i["url"].startswith(server.base) for i in result.items)


def test_truncated_and_malformed_feeds_and_sitemaps_keep_what_they_can(bad):
    server, _, feeds, sitemaps, _ = bad
    truncated = headlines(feeds, "/truncated.xml")
    assert [h["title"] for h in truncated.values()] == ["Before the cut"]
    malformed = headlines(feeds, "/malformed.xml")
    assert list(malformed) == [server.base + "/good/2"]
    assert malformed[server.base + "/good/2"]["title"] == "Fish & chips unclosed"
    assert feeds.stats["newsetl/dropped/not_a_feed"] == 1  # /garbage.xml
    # cut inside the second <loc>: the first URL is kept, the cut-short one is not
    assert list(headlines(sitemaps, "/sitemap-truncated.xml")) == [server.base + "/good/2"]
    assert sitemaps.stats["newsetl/dropped/not_a_sitemap"] == 1  # /sitemap-garbage.xml


def test_xml_entities_are_never_expanded_nor_fetched(bad):
    server, _, feeds, sitemaps, _ = bad
    assert [h for h in server.log if h.path == "/xxe-canary"] == []
    for result in (feeds, sitemaps):
        for entry in result.items:
            assert SECRET not in str(entry) and "aaaaaaaaaa" not in str(entry)
    assert all(len(i.get("title") or "") < 1000 for i in feeds.items if "xxe" in i["url"])


def test_a_lone_surrogate_reference_is_replaced_and_the_rest_of_the_feed_kept(bad):
    server, _, feeds, sitemaps, _ = bad
    rss = headlines(feeds, "/surrogate.xml")
    assert [h["title"] for h in rss.values()] == ["Split \ufffd title", "Whole"]
    atom = headlines(feeds, "/surrogate.atom")
    assert [h["title"] for h in atom.values()] == ["Low \ufffd half"]
    assert feeds.stats["newsetl/repaired/character_references"] == 2
    news = headlines(sitemaps, "/sitemap-surrogate.xml")
    assert [h["title"] for h in news.values()] == ["Half \ufffd a pair"]
    assert sitemaps.stats["newsetl/repaired/character_references"] == 1
