"""The bundled demo news site: entry points, article pages, ground-truth counts."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from demosite import (
    ARTICLES_PER_OUTLET,
    COURIER_HEADLINE_SELECTOR,
    HEADLINES_PER_OUTLET,
    DemoSite,
    serve,
)

NOW = datetime(2026, 11, 29, 14, 35, 12, tzinfo=UTC)
ANCHOR = datetime(2026, 11, 29, 14, 0, tzinfo=UTC)
NS = {
    "rss_atom": "http://www.w3.org/2005/Atom",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(scope="module")
def server():
    srv = serve(port=0, now=NOW)
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="module")
def base(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return DemoSite(now=NOW)


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode("utf-8")


class LinkParser(HTMLParser):
    """Collects <a href> with the classes of the enclosing elements, <h1> text and JSON-LD."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.links: list[tuple[str, str, list[tuple[str, str]]]] = []  # href, text, ancestors
        self.h1: list[str] = []
        self.json_ld: list[str] = []
        self._text: list[str] | None = None
        self._capture: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self._capture, self._text = "a", []
            self._href, self._ancestors = attrs.get("href", ""), list(self.stack)
        elif tag == "h1":
            self._capture, self._text = "h1", []
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._capture, self._text = "script", []
        self.stack.append((tag, attrs.get("class") or ""))

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if self._capture == tag == "a":
            self.links.append((self._href, "".join(self._text).strip(), self._ancestors))
        elif self._capture == tag == "h1":
            self.h1.append("".join(self._text).strip())
        elif self._capture == "script" and tag == "script":
            self.json_ld.append("".join(self._text))
        else:
            return
        self._capture = self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def parse(html: str) -> LinkParser:
    parser = LinkParser()
    parser.feed(html)
    return parser


def headline_links(html: str) -> list[tuple[str, str]]:
    """Equivalent of the CSS selector ``h2.headline a``."""
    assert COURIER_HEADLINE_SELECTOR == "h2.headline a"
    return [
        (href, text)
        for href, text, ancestors in parse(html).links
        if any(tag == "h2" and "headline" in cls.split() for tag, cls in ancestors)
    ]


def rss_items(base: str) -> list[ET.Element]:
    status, ctype, body = fetch(f"{base}/meridian/rss.xml")
    assert status == 200 and ctype == "application/rss+xml; charset=utf-8"
    return ET.fromstring(body.encode()).findall("./channel/item")


def news_sitemap_urls(base: str) -> list[ET.Element]:
    status, ctype, body = fetch(f"{base}/harbour/sitemap.xml")
    assert status == 200 and ctype == "application/xml; charset=utf-8"
    index = ET.fromstring(body.encode())
    locs = [e.text for e in index.findall("sm:sitemap/sm:loc", NS)]
    assert locs == [f"{base}/harbour/news-sitemap.xml"]
    status, ctype, body = fetch(locs[0])
    assert status == 200 and ctype.startswith("application/xml")
    return ET.fromstring(body.encode()).findall("sm:url", NS)


def entry_point_article_urls(base: str) -> set[str]:
    urls = {item.findtext("link") for item in rss_items(base)}
    urls |= {u.findtext("sm:loc", namespaces=NS) for u in news_sitemap_urls(base)}
    for listing in ("/courier/", "/courier/world/"):
        urls |= {href for href, _ in headline_links(fetch(base + listing)[2])}
    return urls


# ---------------------------------------------------------------------------- HTTP level


def test_robots_txt(base):
    status, ctype, body = fetch(f"{base}/robots.txt")
    assert status == 200 and ctype == "text/plain; charset=utf-8"
    robots = RobotFileParser()
    robots.parse(body.splitlines())
    assert not robots.can_fetch("newsetl", f"{base}/courier/private/secret.html")
    assert robots.can_fetch("newsetl", f"{base}/courier/")
    assert robots.can_fetch("newsetl", f"{base}/meridian/rss.xml")
    assert f"Sitemap: {base}/harbour/sitemap.xml" in body


def test_private_page_is_linked_from_front_page_but_not_a_headline(base):
    html = fetch(f"{base}/courier/")[2]
    hrefs = [href for href, _, _ in parse(html).links]
    assert f"{base}/courier/private/secret.html" in hrefs
    assert all("/private/" not in href for href, _ in headline_links(html))


def test_rss_feed(base, site):
    items = rss_items(base)
    assert len(items) == HEADLINES_PER_OUTLET["meridian"] >= 20
    for item in items:
        for tag in ("title", "link", "description", "pubDate", "guid", "category"):
            assert item.findtext(tag), tag
        link = item.findtext("link")
        assert link.startswith(f"{base}/meridian/") and "utm_source=rss" in link
        assert re.fullmatch(
            r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT", item.findtext("pubDate")
        )
    links = {item.findtext("link") for item in items}
    assert len(links) == HEADLINES_PER_OUTLET["meridian"]  # briefs have their own pages
    for link in links:  # pages serve with the tracking query string too
        status, ctype, html = fetch(link)
        assert status == 200 and ctype == "text/html; charset=utf-8"
        assert parse(html).h1


def test_atom_feed(base):
    status, ctype, body = fetch(f"{base}/meridian/atom.xml")
    assert status == 200 and ctype.startswith("application/atom+xml")
    entries = ET.fromstring(body.encode()).findall("rss_atom:entry", NS)
    assert len(entries) == HEADLINES_PER_OUTLET["meridian"]
    for entry in entries:
        datetime.fromisoformat(entry.findtext("rss_atom:published", namespaces=NS))


def test_news_sitemap(base):
    urls = news_sitemap_urls(base)
    assert len(urls) == HEADLINES_PER_OUTLET["harbour"] == ARTICLES_PER_OUTLET["harbour"]
    for url in urls:
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc.startswith(f"{base}/harbour/")
        news = url.find("news:news", NS)
        assert news.findtext("news:publication/news:name", namespaces=NS) == "Harbour Times"
        assert news.findtext("news:publication/news:language", namespaces=NS) in {"en", "fr"}
        assert news.findtext("news:title", namespaces=NS)
        published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
        assert published.utcoffset().total_seconds() == 8 * 3600
        assert url.findtext("sm:lastmod", namespaces=NS)
        status, _, html = fetch(loc)
        assert status == 200
        assert f'<link rel="canonical" href="{loc}">' in html
        assert '<meta property="article:published_time"' in html
        assert "application/ld+json" not in html


def test_courier_front_page_headlines(base):
    status, ctype, html = fetch(f"{base}/courier/")
    assert status == 200 and ctype == "text/html; charset=utf-8"
    heads = headline_links(html)
    assert len(heads) == HEADLINES_PER_OUTLET["courier"]
    assert len({href for href, _ in heads}) == HEADLINES_PER_OUTLET["courier"]
    all_links = parse(html).links
    # nav, section titles (also h2), most-read and footer links are not headlines
    assert len(all_links) > len(heads) + 10
    assert any("section-title" in cls for _, _, anc in all_links for _, cls in anc)
    world = headline_links(fetch(f"{base}/courier/world/")[2])
    assert world and {h for h, _ in world} <= {h for h, _ in heads}


def test_courier_pages_are_bare(base, site):
    for article in site.outlet_articles("courier"):
        html = fetch(base + article.path)[2]
        assert "og:title" not in html and "ld+json" not in html and "canonical" not in html
        assert article.headline not in html.split("<title>")[1].split("</title>")[0]
        assert "Published " in html and " GMT" in html
        assert f"By {article.authors[0]}" in html
    pages = [fetch(base + a.path)[2] for a in site.outlet_articles("courier")]
    assert any("<time datetime=" in p for p in pages)
    assert any("<time datetime=" not in p for p in pages)


def test_unknown_path_is_404(base):
    for path in ("/nope", "/meridian/2026/11/29/missing.html", "/courier/world/2026/nov/01/x"):
        status, ctype, _ = fetch(base + path)
        assert status == 404 and ctype == "text/html; charset=utf-8"


def test_every_linked_article_serves_with_h1(base, site):
    urls = entry_point_article_urls(base)
    clean = {u.split("?")[0] for u in urls}
    briefs = {base + h.path for h in site.headlines if h.is_brief}
    assert clean == set(site.article_urls(base)) | briefs
    assert len(clean - briefs) >= 40 and len(clean) >= 60
    for url in urls:
        status, _, html = fetch(url)
        assert status == 200, url
        assert len(parse(html).h1) == 1, url


def test_links_are_absolute_and_follow_host_header(base, site):
    req = urllib.request.Request(f"{base}/meridian/rss.xml", headers={"Host": "news.test:9999"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        body = resp.read().decode()
    assert "http://news.test:9999/meridian/" in body and base not in body
    html = fetch(f"{base}/courier/")[2]
    for href, _, _ in parse(html).links:
        assert href.startswith(f"{base}/"), href


def test_meridian_json_ld(base, site):
    article = site.by_id["m-asia-markets"]
    status, _, html = fetch(base + article.path)
    assert status == 200
    (raw,) = parse(html).json_ld
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["url"] == base + article.path
    assert datetime.fromisoformat(data["datePublished"]) == article.published
    assert datetime.fromisoformat(data["dateModified"]) > article.published
    assert data["author"] == [{"@type": "Person", "name": "Lena Marsh"}]
    assert data["inLanguage"] == "en" and data["articleSection"] == "Business"
    assert fetch(data["image"][0])[0] == 200


def test_foreign_language_articles(base, site):
    for article_id, lang in site.stats()["languages"].items():
        html = fetch(base + site.by_id[article_id].path)[2]
        assert f'<html lang="{lang}"' in html


# ---------------------------------------------------------------------------- ground truth


def test_counts(site):
    stats = site.stats()
    assert stats["articles"] == sum(ARTICLES_PER_OUTLET.values()) >= 40
    assert stats["headlines"] == sum(HEADLINES_PER_OUTLET.values()) >= 60
    assert stats["distinct_headlines"] == stats["headlines"]
    for outlet, info in stats["outlets"].items():
        assert info["articles"] == ARTICLES_PER_OUTLET[outlet] >= 10
        assert info["headlines"] == HEADLINES_PER_OUTLET[outlet]


def test_articles_are_real_prose(site):
    for a in site.articles:
        assert 3 <= len(a.paragraphs) <= 7, a.id
        assert 120 <= a.word_count <= 450, (a.id, a.word_count)
        assert a.dateline.isupper() and a.authors and a.tags


def test_publication_times_are_relative_to_anchor(site):
    assert site.anchor == ANCHOR
    ages = [(ANCHOR - h.published).total_seconds() / 3600 for h in site.headlines]
    assert min(ages) >= 1 and max(ages) <= 61
    days = {a.published.date() for a in site.articles}
    assert {ANCHOR.date(), ANCHOR.date().replace(day=28)} <= days
    for a in site.articles:
        if a.modified:
            assert a.published < a.modified <= ANCHOR
    assert sum(a.modified is not None for a in site.articles) >= 3


def test_multi_outlet_stories(site):
    events = site.stats()["events"]
    assert len(events) >= 6
    for ids in events.values():
        outlets = {site.by_id[i].outlet for i in ids}
        assert len(outlets) == len(ids) >= 2
        assert len({site.by_id[i].headline for i in ids}) == len(ids)
    assert sum(len(ids) == 3 for ids in events.values()) >= 2
    rewrites = [ids for ids in events.values() if not any(site.by_id[i].body_from for i in ids)]
    assert len(rewrites) >= 6
    for ids in rewrites:
        assert len({site.by_id[i].text for i in ids}) == len(ids)


def test_verbatim_wire_copy(site):
    copies = site.stats()["verbatim_copies"]
    assert len(copies) >= 2
    for copy_id, original_id in copies.items():
        copy, original = site.by_id[copy_id], site.by_id[original_id]
        assert copy.text == original.text
        assert copy.outlet != original.outlet and copy.headline != original.headline


def test_render_is_pure_and_ignores_query(site):
    a = site.by_id["h-typhoon"]
    first = site.render(a.path, "http://x:1")
    assert first == site.render(a.path + "?utm_source=rss", "http://x:1/")
    assert first[0] == 200 and b"http://x:1/harbour/" in first[2]
    assert urlsplit(site.article_urls("http://x:1", "harbour")[0]).path.startswith("/harbour/")
