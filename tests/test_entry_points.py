"""Entry points at real-world breadth, in real crawls against local fixture sites: sitemap
discovery (robots.txt with a BOM and odd spellings, no robots.txt, well-known paths),
sitemaps in every form (gzip by extension, by header and by neither; plain text; feeds;
nested and cyclic indexes; a redirect loop; truncated XML), JSON Feed, entry ids, and
conditional GET with the entry points' state in PostgreSQL."""

import json
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest
from fault_fixtures import run_crawl, sources_file
from faultserver import FaultServer, gzipped
from helpers import query

from newsetl.reporting import render, show

pytestmark = pytest.mark.slow
XML = "application/xml"
ARTICLES = range(1, 10)


def urlset(base: str, paths) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>\n" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>'
    ).encode()


def index(base: str, paths) -> bytes:
    maps = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>\n" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{maps}'
        "</sitemapindex>"
    ).encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, link) items."""
    entries = "".join(
        f"<item><guid isPermaLink='false'>{g}</guid><title>{escape(t)}</title>"
        f"<link>{escape(link)}</link></item>\n"
        for g, t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire'
        f"</title>\n{entries}</channel></rss>"
    ).encode()


def serve(server: FaultServer, path: str, body: bytes, content_type=XML, headers=None):
    server.route(path)(lambda h: h.send(200, body, content_type, headers))


def serve_articles(server: FaultServer) -> None:
    for n in ARTICLES:
        serve(server, f"/a/{n}", server.article_html(n), "text/html; charset=utf-8")


def auto_source(name: str, server: FaultServer) -> dict:
    return {
        "name": name,
        "title": name,
        "homepage": server.base + "/",
        "allowed_domains": ["127.0.0.1"],
        "language": "en",
        "country": "GB",
        "sitemaps": "auto",
    }


@pytest.fixture(scope="module")
def discovery(pg_url, tmp_path_factory):
    """Three sites, each a source with ``sitemaps: auto``, crawled once."""
    workdir = tmp_path_factory.mktemp("discovery")
    with ExitStack() as stack:
        listed = stack.enter_context(FaultServer())  # robots.txt lists its sitemaps
        missing = stack.enter_context(FaultServer(robots=None))  # no robots.txt
        silent = stack.enter_context(FaultServer())  # robots.txt without Sitemap lines
        for server in (listed, missing, silent):
            serve_articles(server)

        base = listed.base
        listed.robots = (
            f"\ufeffSitemap: {base}/by-extension.xml.gz\r\n"
            "User-agent: *\nAllow: /\n"
            "   sitemap :   /by-header.txt  \n"
            f"Site-map: {base}/feed-as-sitemap.rss\n"
            "Sitemap: https://elsewhere.example/sitemap.xml\n"
        )
        serve(
            listed,
            "/by-extension.xml.gz",
            gzipped(urlset(base, ["/a/1", "/a/2"])),
            "application/x-gzip",
        )
        text_sitemap = f"{base}/a/3\n".encode()
        serve(
            listed,
            "/by-header.txt",
            gzipped(text_sitemap),
            "text/plain",
            {"Content-Encoding": "gzip"},
        )
        serve(listed, "/feed-as-sitemap.rss", rss([("wire-4", "Four", f"{base}/a/4")]))

        base = missing.base
        serve(missing, "/sitemap_index.xml", index(base, ["/nested.xml", "/loop-a.xml"]))
        nested = ["/sitemap_index.xml", "/neither.xml", "/deep/1.xml"]  # a cycle back to the top
        serve(missing, "/nested.xml", index(base, nested))
        serve(missing, "/neither.xml", gzipped(urlset(base, ["/a/5"])))  # gzip, said to be XML
        for depth in range(1, 6):
            serve(missing, f"/deep/{depth}.xml", index(base, [f"/deep/{depth + 1}.xml"]))
        missing.route("/loop-a.xml")(
            lambda h: h.send(301, b"", headers={"Location": "/loop-b.xml"})
        )
        missing.route("/loop-b.xml")(
            lambda h: h.send(301, b"", headers={"Location": "/loop-a.xml"})
        )
        whole = urlset(base, ["/a/6", "/a/7", "/a/8"])
        serve(missing, "/news-sitemap.xml", whole[: whole.index(b"/a/8")])  # cut inside a <loc>

        serve(silent, "/sitemap.xml", urlset(silent.base, ["/a/9"]))

        sources = workdir / "sources.yaml"
        names = {"listed": listed, "missing": missing, "silent": silent}
        sources.write_text(json.dumps({"sources": [auto_source(n, s) for n, s in names.items()]}))
        result = run_crawl(
            workdir,
            "sitemaps",
            sources=sources,
            database=pg_url,
            settings={"SITEMAP_INDEX_MAX_DEPTH": "3"},
        )
        result.servers = names
        result.headlines = {
            name: {
                row.url.removeprefix(server.base): row
                for row in query(pg_url, "SELECT * FROM headlines WHERE source = :s", s=name)
            }
            for name, server in names.items()
        }
        yield result


def test_discovery_crawl_finishes_cleanly(discovery):
    assert discovery.returncode == 0, discovery.log[-3000:]
    assert "log_count/ERROR" not in discovery.stats


def test_robots_txt_sitemaps_with_a_bom_odd_spacing_and_site_map(discovery):
    listed = discovery.servers["listed"]
    assert set(discovery.headlines["listed"]) == {"/a/1", "/a/2", "/a/3", "/a/4"}
    assert discovery.stats["newsetl/sitemaps/discovered/robots_txt"] == 3  # not elsewhere.example
    for path in ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml"):
        assert listed.hits(path) == []  # robots.txt named them: nothing guessed


def test_gzip_by_extension_by_header_and_by_neither(discovery):
    assert {"/a/1", "/a/2", "/a/3"} <= set(discovery.headlines["listed"])  # extension, header
    assert "/a/5" in discovery.headlines["missing"]  # gzip bytes served as XML


def test_plain_text_and_feeds_listed_as_sitemaps(discovery):
    headlines = discovery.headlines["listed"]
    assert "/a/3" in headlines  # the gzipped plain-text sitemap
    assert headlines["/a/4"].external_id == "wire-4"  # the feed's guid is kept
    assert headlines["/a/4"].title == "Four"


def test_without_robots_txt_the_well_known_paths_are_tried(discovery):
    missing, silent = discovery.servers["missing"], discovery.servers["silent"]
    assert discovery.stats["newsetl/sitemaps/no_robots_txt"] == 1
    for server in (missing, silent):
        for path in ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml"):
            assert len(server.hits(path)) == 1
    assert "/a/9" in discovery.headlines["silent"]
    # missing: /sitemap.xml; silent: /sitemap_index.xml and /news-sitemap.xml
    assert discovery.stats["newsetl/sitemaps/well_known_missing"] == 3
    assert "newsetl/fetch_failed/http_404" not in discovery.stats


def test_nested_indexes_cycles_depth_and_redirect_loops_are_bounded(discovery):
    missing = discovery.servers["missing"]
    assert len(missing.hits("/sitemap_index.xml")) == 1  # listed again by /nested.xml: once
    assert len(missing.hits("/nested.xml")) == 1
    fetched = [d for d in range(1, 7) if missing.hits(f"/deep/{d}.xml")]
    assert fetched == [1, 2]  # index depths 2 and 3; the index at depth 3 is not followed
    assert discovery.stats["newsetl/sitemaps/too_deep"] == 1
    loop = missing.hits("/loop-a.xml") + missing.hits("/loop-b.xml")
    assert 2 <= len(loop) <= 6  # REDIRECT_MAX_TIMES is 5; the duplicate filter may end it first


def test_a_truncated_sitemap_keeps_the_whole_urls_before_the_cut(discovery):
    headlines = discovery.headlines["missing"]
    assert {"/a/6", "/a/7"} <= set(headlines) and "/a/8" not in headlines


# Conditional GET, entry ids and the entry points' state over several crawls of one site

LAST_MODIFIED = format_datetime(datetime(2026, 11, 28, 10, tzinfo=UTC), usegmt=True)


class Site(FaultServer):
    """An RSS feed with an ETag, a JSON Feed with a Last-Modified date, a feed that is
    gone; each remembers the validators it was sent."""

    def __init__(self):
        super().__init__()
        self.version = 1
        self.sent: list[tuple[str, str | None, str | None]] = []
        serve_articles(self)
        self.route("/feed.rss")(self.rss)
        self.route("/feed.json")(self.json_feed)

    def validators(self, handler, path):
        sent = (
            path,
            handler.headers.get("If-None-Match"),
            handler.headers.get("If-Modified-Since"),
        )
        with self.lock:
            self.sent.append(sent)
        return sent

    def rss(self, handler):
        _, etag, _ = self.validators(handler, "/feed.rss")
        current = f'"v{self.version}"'
        if etag == current:
            return handler.send(304, b"", headers={"ETag": current})
        moved = "/a/7?utm_source=rss&id=3#top" if self.version > 1 else "/a/1"
        items = [("story-1", "One", moved), ("story-2", "Two", f"{self.base}/a/2")]
        handler.send(200, rss(items), XML, {"ETag": current})

    def json_feed(self, handler):
        _, _, since = self.validators(handler, "/feed.json")
        if since == LAST_MODIFIED:
            return handler.send(304, b"")
        items = [
            {"id": "j-3", "url": f"{self.base}/a/3", "title": "Three"},
            {"id": "j-4", "url": f"{self.base}/a/4", "title": "Four"},
        ]
        body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items})
        handler.send(200, body.encode(), "application/feed+json", {"Last-Modified": LAST_MODIFIED})


@pytest.fixture(scope="module")
def polls(pg_url, tmp_path_factory):
    """Four crawls of one site's feeds: a first, an unchanged second (304s), a third after
    an entry changed its URL, and one without a database."""
    workdir = tmp_path_factory.mktemp("polls")
    with Site() as site:
        sources = sources_file(workdir, site.base, feeds=["/feed.rss", "/feed.json", "/gone.xml"])
        crawls, states, sent = [], [], []
        for n in range(4):
            site.sent.clear()
            if n == 2:
                site.version = 2
            crawls.append(
                run_crawl(
                    workdir,
                    "feeds",
                    sources=sources,
                    database=pg_url if n < 3 else None,
                    empty=n == 0,
                )
            )
            rows = query(pg_url, "SELECT * FROM entry_points ORDER BY url")
            states.append({r.url.removeprefix(site.base): r for r in rows})
            sent.append(list(site.sent))
        headlines = query(pg_url, "SELECT * FROM headlines ORDER BY external_id")
        yield crawls, states, sent, headlines, site.base


def test_every_poll_finishes(polls):
    crawls = polls[0]
    assert [c.returncode for c in crawls] == [0, 0, 0, 0], crawls[-1].log[-3000:]


def test_first_crawl_records_every_entry_point(polls):
    _, states, sent, _, _ = polls
    first = states[0]
    assert set(first) == {"/feed.rss", "/feed.json", "/gone.xml"}
    assert (first["/feed.rss"].last_status, first["/feed.rss"].etag) == (200, '"v1"')
    assert first["/feed.json"].last_modified == LAST_MODIFIED
    assert (first["/feed.rss"].entries_seen, first["/feed.rss"].entries_new) == (2, 2)
    assert first["/feed.rss"].last_new_entry_at is not None
    assert (first["/gone.xml"].last_status, first["/gone.xml"].consecutive_failures) == (404, 1)
    assert all(etag is None and since is None for _, etag, since in sent[0])  # nothing known


def test_second_crawl_sends_validators_and_gets_304s(polls):
    crawls, states, sent, _, _ = polls
    assert sorted(sent[1]) == [
        ("/feed.json", None, LAST_MODIFIED),
        ("/feed.rss", '"v1"', None),
    ]
    stats = crawls[1].stats
    assert stats["newsetl/entry_points/conditional"] == 2
    assert stats["newsetl/entry_points/not_modified"] == 2
    assert stats.get("newsetl/store/headlines", 0) == 0  # nothing parsed
    assert stats["newsetl/fetch_failed/http_404"] == 1  # only the feed that is gone
    second = states[1]
    assert second["/feed.rss"].last_status == 304 and second["/feed.rss"].etag == '"v1"'
    assert second["/feed.rss"].consecutive_failures == 0
    assert second["/feed.rss"].last_new_entry_at == states[0]["/feed.rss"].last_new_entry_at
    assert second["/gone.xml"].consecutive_failures == 2


def test_an_entry_whose_url_changed_is_recognised_by_its_id(polls):
    crawls, states, _, headlines, base = polls
    assert crawls[2].stats["newsetl/entry_points/not_modified"] == 1  # the JSON Feed only
    assert states[2]["/feed.rss"].etag == '"v2"'
    by_id = {h.external_id: h for h in headlines}
    assert set(by_id) == {"story-1", "story-2", "j-3", "j-4"}  # one headline per entry
    moved = by_id["story-1"]
    assert moved.url == f"{base}/a/7?id=3"  # tracking parameter and fragment removed
    assert moved.url_raw == "/a/7?utm_source=rss&id=3#top"  # as published
    assert moved.first_seen_at < moved.last_seen_at


def test_without_a_database_entry_points_are_plain_gets(polls):
    crawls, _, sent, _, _ = polls
    assert len(sent[3]) == 2
    assert all(etag is None and since is None for _, etag, since in sent[3])
    assert "newsetl/entry_points/not_modified" not in crawls[3].log
    assert len([i for i in crawls[3].items if "entry_point" in i]) == 4


def test_feed_health_in_the_report_names_the_failing_feed(polls, pg_url):
    *_, base = polls
    day = datetime.now(UTC).date()
    data = show.load_day(pg_url, day)
    failing = [(e.url, e.problem, e.consecutive_failures) for e in data["feed_health"]]
    assert failing == [(f"{base}/gone.xml", "HTTP 404", 3)]  # three crawls with a database
    text = render.render_text(day, data)
    assert f"HTTP 404, 3 failures in a row; new: never  {base}/gone.xml" in text
    assert f"<td>{base}/gone.xml</td><td>HTTP 404</td><td>3</td>" in render.render_html(day, data)


def test_feed_health_reports_a_feed_quiet_for_several_usual_gaps(db_url, sql):
    day_end = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    day = (day_end - timedelta(days=1)).date()
    sql("INSERT INTO sources (name, title, homepage) VALUES ('wire', 'Wire', 'https://w/')")
    for feed, newest in (("https://w/quiet.xml", 10), ("https://w/busy.xml", 2)):
        # new entries an hour apart, the newest ``newest`` hours before the end of the day
        for n in range(4):
            seen = day_end - timedelta(hours=newest + n)
            headline = sql(
                "INSERT INTO headlines (source, url, first_seen_at, last_seen_at) "
                "VALUES ('wire', :url, :at, :at) RETURNING id",
                url=f"{feed}#{n}",
                at=seen,
            ).scalar_one()
            sql(
                "INSERT INTO headline_sightings (headline_id, entry_point, kind, seen_at) "
                "VALUES (:id, :feed, 'feed', :at)",
                id=headline,
                feed=feed,
                at=seen,
            )
        sql(
            "INSERT INTO entry_points (url, source, kind, last_status, first_fetched_at, "
            "last_fetched_at, last_new_entry_at) VALUES (:feed, 'wire', 'feed', 304, :first, "
            ":last, :new)",
            feed=feed,
            first=day_end - timedelta(days=2),
            last=day_end - timedelta(minutes=30),
            new=day_end - timedelta(hours=newest),
        )
    rows = show.load_day(db_url, day)["feed_health"]
    assert [(r.url, r.problem, r.usual_gap) for r in rows] == [
        ("https://w/quiet.xml", "nothing new", timedelta(hours=1))
    ]  # 10 hours without news is more than 3 gaps of an hour; 2 hours is not
