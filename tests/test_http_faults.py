"""HTTP faults from a misbehaving server (tests/faultserver.py): one real crawl of a feed
whose links hit every fault route and some good articles. The crawl must finish, count
every failure, and still store the good articles."""

import pytest
from fault_fixtures import rss, run_crawl, sources_file
from faultserver import MIB, FaultServer, bomb, gzipped

from newsetl.crawling.middlewares import retry_after_seconds

pytestmark = pytest.mark.slow
GOOD = ["/good/0", "/good/1", "/good/2"]
RETRIES = 1  # RETRY_TIMES for this crawl: two attempts per request
REDIRECTS = 5  # the project's REDIRECT_MAX_TIMES
SETTINGS = {"DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": str(RETRIES), "RETRY_AFTER_MAX": "1.5"}
FAULTS = [
    "/5xx/always",
    "/5xx/flaky",
    "/429",
    "/timeout/slow",
    "/timeout/drip",
    "/reset",
    "/short-body",
    "/gzip/truncated",
    "/gzip/corrupt",
    "/gzip/bomb",
    "/huge",
    "/redirect/loop-a",
    "/redirect/chain/0",
    "/redirect/offsite",
    "/redirect/offsite-after-retry",
]


def fault_routes(server: FaultServer) -> None:
    """Register the routes. Articles 3-9 sit behind faults: a fault that stops being
    handled lets its article through, and the tests notice."""
    article = server.article_html
    for i, path in enumerate(GOOD):
        server.route(path)(lambda h, i=i: h.send(200, article(i)))

    server.route("/5xx/always")(lambda h: h.send(503, b"<html><body>busy</body></html>"))

    @server.route("/5xx/flaky")
    def flaky(h):
        if server.nth("/5xx/flaky") == 1:
            return h.send(500, b"<html><body>oops</body></html>")
        h.send(200, article(3))

    @server.route("/429")
    def too_many(h):
        if server.nth("/429") == 1:
            return h.send(429, b"slow down", "text/plain", {"Retry-After": "3600"})
        h.send(200, article(4))

    server.route("/timeout/slow")(lambda h: h.slow(article(5)))
    server.route("/timeout/drip")(lambda h: h.drip(article(6)))
    server.route("/reset")(lambda h: h.reset())

    @server.route("/short-body")
    def short_body(h):  # Content-Length promises more than is sent before the close
        body = article(7)
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[: len(body) // 2])
        h.close_connection = True

    gz = {"Content-Encoding": "gzip"}
    truncated = gzipped(article(8))[:30]
    server.route("/gzip/truncated")(lambda h: h.send(200, truncated, headers=gz))
    corrupt = gzipped(article(8))[:10] + bytes(range(256)) * 8
    server.route("/gzip/corrupt")(lambda h: h.send(200, corrupt, headers=gz))
    bombed = bomb(64 * MIB)  # about 64 KiB on the wire, 8 times DOWNLOAD_MAXSIZE inflated
    server.route("/gzip/bomb")(lambda h: h.send(200, bombed, headers=gz))

    def huge(h):  # an article followed by 16 MiB of comment, no Content-Length
        page = article(9)
        h.stream([page, b"<!--", *([b"x" * MIB] * 16), b"-->"])

    server.route("/huge")(huge)
    server.route("/redirect/loop-a")(lambda h: h.redirect("/redirect/loop-b"))
    server.route("/redirect/loop-b")(lambda h: h.redirect("/redirect/loop-a"))
    for n in range(20):
        server.route(f"/redirect/chain/{n}")(lambda h, n=n: h.redirect(f"/redirect/chain/{n + 1}"))
    server.route("/redirect/chain/20")(lambda h: h.send(200, article(10)))
    offsite = f"http://localhost:{server.port}/offsite/article"
    server.route("/redirect/offsite")(lambda h: h.redirect(offsite))

    @server.route("/redirect/offsite-after-retry")
    def offsite_after_retry(h):  # a retried request is dont_filter, and so is its redirect
        if server.nth("/redirect/offsite-after-retry") == 1:
            return h.send(503, b"<html><body>busy</body></html>")
        h.redirect(offsite)

    server.route("/offsite/article")(lambda h: h.send(200, article(11)))
    server.route("/feed.xml")(
        lambda h: h.send(
            200, rss([(p, server.base + p) for p in FAULTS + GOOD]), "application/rss+xml"
        )
    )


@pytest.fixture(scope="module")
def faults(tmp_path_factory, pg_url):
    """The fault server and the result of one crawl of its feed into Postgres."""
    workdir = tmp_path_factory.mktemp("faults")
    with FaultServer() as server:
        fault_routes(server)
        sources = sources_file(workdir, server.base, feeds=["/feed.xml"])
        result = run_crawl(
            workdir,
            "feeds",
            "-a",
            "source=faults",
            sources=sources,
            database=pg_url,
            settings=SETTINGS,
        )
        yield server, result


def url(server, path):
    return server.base + path


def test_crawl_finishes_and_stores_the_good_articles(faults):
    server, result = faults
    assert result.returncode == 0, result.log[-3000:]
    assert "Traceback" not in result.log
    recovered = ["/5xx/flaky", "/429"]  # a retry got the article
    assert sorted(result.stored) == sorted(url(server, p) for p in GOOD + recovered)
    assert result.stats["newsetl/store/articles"] == len(GOOD + recovered)
    assert result.stats["finish_reason"] == "finished"


def test_every_failure_is_counted(faults):
    _, result = faults
    failed = {k: v for k, v in result.stats.items() if k.startswith("newsetl/fetch_failed/")}
    assert failed == {
        "newsetl/fetch_failed/http_503": 1,
        "newsetl/fetch_failed/timeout": 2,  # slow and drip
        "newsetl/fetch_failed/connection_lost": 2,  # reset and short body
        "newsetl/fetch_failed/undecodable": 2,  # truncated and corrupt gzip
        "newsetl/fetch_failed/too_large": 2,  # bomb and huge
        "newsetl/fetch_failed/too_many_redirects": 1,  # the chain; the loop is a duplicate
    }
    assert result.stats["newsetl/fetch_failed"] == sum(failed.values())


def test_5xx_is_retried_within_the_limit(faults):
    server, result = faults
    assert len(server.hits("/5xx/always")) == RETRIES + 1
    assert len(server.hits("/5xx/flaky")) == len(server.hits("/redirect/offsite-after-retry")) == 2
    assert result.stats["retry/reason_count/503 Service Unavailable"] == RETRIES + 1
    assert result.stats["retry/reason_count/500 Internal Server Error"] == 1


def test_429_retry_after_is_honoured_up_to_the_cap(faults):
    server, result = faults
    first, second = server.hits("/429")
    assert 1.4 <= second.at - first.at < 3.0  # Retry-After: 3600, capped at 1.5 s
    assert result.stats["newsetl/retry_after/capped"] == 1
    assert url(server, "/429") in result.stored


def test_timeouts_and_slow_drip_are_cut_by_download_timeout(faults):
    server, result = faults
    assert len(server.hits("/timeout/slow")) == len(server.hits("/timeout/drip")) == RETRIES + 1
    assert result.stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] == 2 * RETRIES
    assert result.stats["elapsed_time_seconds"] < 30


def test_compression_bomb_and_huge_page_stop_at_download_maxsize(faults):
    _, result = faults
    assert "exceeded DOWNLOAD_MAXSIZE (8388608 B) during decompression" in result.log
    assert "larger than download max size (8388608)" in result.log
    assert result.stats["response_received_count"] < 40


def test_redirect_loops_stop(faults):
    server, result = faults
    chain = [h.path for h in server.log if h.path.startswith("/redirect/chain/")]
    assert chain == [f"/redirect/chain/{n}" for n in range(REDIRECTS + 1)]
    loop = [h.path for h in server.log if h.path.startswith("/redirect/loop")]
    assert len(loop) <= REDIRECTS + 1
    assert url(server, "/redirect/chain/20") not in result.stored


def test_redirect_to_another_domain_is_not_followed(faults):
    server, result = faults
    assert server.hits(host=f"localhost:{server.port}") == []
    assert server.hits("/offsite/article") == []
    # both redirects, dropped when scheduled (so never reaching the errback)
    assert result.stats["offsite/filtered"] == 2


def test_retry_after_values():
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_crawl_delay_from_robots_txt_spaces_the_requests(tmp_path, pg_url):
    with FaultServer(robots="User-agent: *\nCrawl-delay: 1\n") as server:
        for i, path in enumerate(GOOD):
            server.route(path)(lambda h, i=i: h.send(200, server.article_html(i)))
        feed = rss([(p, server.base + p) for p in GOOD])
        server.route("/feed.xml")(lambda h: h.send(200, feed, "application/rss+xml"))
        sources = sources_file(tmp_path, server.base, feeds=["/feed.xml"])
        result = run_crawl(tmp_path, "feeds", sources=sources, database=pg_url)
        times = [h.at for h in server.log]
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.stored) == len(GOOD)
    assert len(times) == 2 + len(GOOD)  # robots.txt, the feed, the articles
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps[1:]) >= 0.95, gaps  # DOWNLOAD_DELAY is 0 and 8 requests may run at once
