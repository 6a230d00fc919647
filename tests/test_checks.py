"""The data-quality checks (sql/checks/*.sql through newsetl.reporting.run.run_checks): each passes
on clean data and returns exactly the offending rows on data built to break it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from test_reports import HOST, D, load_wire_news, ts

from newsetl.reporting import run

NOW = ts("2026-11-28 06:00")  # the end of D's data interval, give or take
CHECKS = {
    "no_article_without_title_or_body",
    "no_duplicate_canonical_url",
    "no_future_publication",
    "sources_fresh",
    "sources_volume",
}


@pytest.fixture
def clean(db_url, sql):
    """The wire-news data set without its live blog (the one article with no body)."""
    load_wire_news(sql)
    sql("DELETE FROM articles WHERE id = 'c2'")
    return db_url


def add_article(sql, id_: str, url: str, title: str, body: str, fetched: str) -> None:
    """An article of meridian-wire fetched at ``fetched`` (UTC)."""
    sql(
        "INSERT INTO articles (id, canonical_url, url, source, title, body, word_count, "
        "content_hash, first_fetched_at, last_fetched_at) VALUES (:id, :url, :url, "
        "'meridian-wire', :title, :body, :words, :id, :fetched, :fetched)",
        id=id_, url=url, title=title, body=body, words=len(body.split()), fetched=ts(fetched),
    )  # fmt: skip


def failures(url: str, now: datetime = NOW) -> dict[str, list[dict]]:
    results = run.run_checks(url, D, now)
    assert set(results) == CHECKS
    return {name: rows for name, rows in results.items() if rows}


def test_all_checks_pass_on_clean_data(clean):
    assert failures(clean) == {}
    run.check(clean, D, NOW)  # does not raise


def test_article_without_title_or_body(clean, sql):
    site = HOST["meridian-wire"]
    add_article(sql, "x1", f"{site}/x1", "", "Some text.", "2026-11-27 14:00")
    add_article(sql, "x2", f"{site}/x2", "Title", "  \n ", "2026-11-27 15:00")
    add_article(sql, "x3", f"{site}/x3", " ", "", "2026-11-26 15:00")  # not D's to report
    rows = failures(clean)["no_article_without_title_or_body"]
    assert [(r["id"], r["source"], r["canonical_url"], r["problem"]) for r in rows] == [
        ("x1", "meridian-wire", f"{site}/x1", "no title"),
        ("x2", "meridian-wire", f"{site}/x2", "no body"),
    ]
    # Refetched on D, the old one is D's problem too.
    sql("UPDATE articles SET last_fetched_at = :at WHERE id = 'x3'", at=ts("2026-11-27 16:00"))
    rows = failures(clean)["no_article_without_title_or_body"]
    assert [(r["id"], r["problem"]) for r in rows][-1] == ("x3", "no title, no body")


def test_future_publication(clean, sql):
    # a2 fetched 08:00: dated 13:00 (a time zone read wrongly); b1 fetched 10:30, dated
    # 10:35 (within the clock-skew allowance); c1's headline dated a day ahead.
    c1 = HOST["meridian-wire"] + "/local/cycling-lanes"
    sql("UPDATE articles SET published_at = :at WHERE id = 'a2'", at=ts("2026-11-27 13:00"))
    sql("UPDATE articles SET published_at = :at WHERE id = 'b1'", at=ts("2026-11-27 10:35"))
    headline = sql(
        "UPDATE headlines SET published_at = last_seen_at + interval '1 day' "
        "WHERE url = :url RETURNING id",
        url=c1,
    ).scalar_one()
    rows = failures(clean)
    assert list(rows) == ["no_future_publication"]
    got = [(r["kind"], r["id"], r["source"], r["url"], r["ahead"]) for r in rows[
        "no_future_publication"]]  # fmt: skip
    assert got == [
        ("article", "a2", "harbour-times", HOST["harbour-times"] + "/business/markets-rise",
         timedelta(hours=5)),
        ("headline", str(headline), "meridian-wire", c1, timedelta(days=1)),
    ]  # fmt: skip


def test_duplicate_canonical_url(clean, sql):
    # a1's canonical URL is https://meridian.example/markets/asia-mixed
    a1 = "http://WWW.meridian.example/markets/asia-mixed/?utm_source=rss&utm_medium=feed#top"
    add_article(sql, "a1-again", a1, "Asian markets mixed", "Body.", "2026-11-27 16:00")
    # Not duplicates: another query string, another path, another case in the path.
    site = HOST["meridian-wire"]
    add_article(sql, "q1", f"{site}/markets/asia-mixed?page=2", "P2", "B.", "2026-11-27 16:00")
    add_article(sql, "q2", f"{site}/markets/asia-mixed-2", "Other", "B.", "2026-11-27 16:00")
    add_article(sql, "q3", f"{site}/markets/Asia-Mixed", "Other", "B.", "2026-11-27 16:00")
    rows = failures(clean)["no_duplicate_canonical_url"]
    same = "meridian.example/markets/asia-mixed"
    assert [(r["normalized_url"], r["id"], r["source"], r["canonical_url"]) for r in rows] == [
        (same, "a1", "meridian-wire", f"{site}/markets/asia-mixed"),
        (same, "a1-again", "meridian-wire", a1),
    ]
    # A duplicate first fetched on another day is that day's failure, not D's.
    sql(
        "UPDATE articles SET first_fetched_at = :at WHERE id IN ('a1', 'a1-again')",
        at=ts("2026-11-20 10:00"),
    )
    assert "no_duplicate_canonical_url" not in failures(clean)


def test_sources_fresh(clean, sql):
    # Newest headlines: meridian-wire D 12:55, harbour-times D+1 00:00, daily-courier D 11:00.
    later = ts("2026-11-29 13:00")  # meridian-wire 48h05 old, daily-courier 50h old
    sql("""UPDATE sources SET config = '{"freshness_hours": 72}' WHERE name = 'daily-courier'""")
    sql("INSERT INTO sources (name, title, homepage, config) VALUES "
        "('quiet-gazette', 'Quiet Gazette', 'https://quiet.example/', '{}'), "
        "('old-herald', 'Old Herald', 'https://old.example/', '{\"active\": false}')")  # fmt: skip
    rows = failures(clean, now=later)
    assert list(rows) == ["sources_fresh"]
    got = [tuple(r.values()) for r in rows["sources_fresh"]]  # source, hours, last seen, age
    assert got == [
        ("meridian-wire", 48, ts("2026-11-27 12:55"), timedelta(hours=48, minutes=5)),
        ("quiet-gazette", 48, None, None),  # never seen
    ]  # fmt: skip
    # A day later the 72 hours of daily-courier are over too; an inactive source never fails.
    rows = failures(clean, now=later + timedelta(days=1))["sources_fresh"]
    assert [r["source"] for r in rows] == [
        "daily-courier", "harbour-times", "meridian-wire", "quiet-gazette",
    ]  # fmt: skip


def add_headlines(sql, source: str, count: int, first_seen: datetime) -> None:
    for n in range(count):
        sql(
            "INSERT INTO headlines (source, url, first_seen_at, last_seen_at) "
            "VALUES (:source, :url, :at, :at)",
            source=source,
            url=f"{HOST[source]}/volume/{first_seen:%Y%m%d%H%M}/{n}",
            at=first_seen,
        )


def test_sources_volume(clean, sql):
    # The four weeks before the last seven days: meridian-wire 40 headlines a week (a
    # quarter is 10), harbour-times 4 (a quarter is 1); daily-courier has no history.
    for week in range(1, 5):
        add_headlines(sql, "meridian-wire", 40, NOW - timedelta(days=7 * week + 1))
        add_headlines(sql, "harbour-times", 4, NOW - timedelta(days=7 * week + 2))
    recent = "SELECT count(*) FROM headlines WHERE source = :s AND first_seen_at > :since"
    since = NOW - timedelta(days=7)
    this_week = {s: sql(recent, s=s, since=since).scalar_one() for s in HOST}
    assert 1 <= this_week["meridian-wire"] < 10 and this_week["harbour-times"] >= 1
    rows = failures(clean)["sources_volume"]
    assert [tuple(r.values()) for r in rows] == [("meridian-wire", this_week["meridian-wire"], 40)]
    # A quarter of the usual volume is enough.
    add_headlines(sql, "meridian-wire", 10 - this_week["meridian-wire"], NOW - timedelta(hours=1))
    assert "sources_volume" not in failures(clean)


def test_check_failed_names_the_rows(clean, sql):
    add_article(sql, "x1", HOST["meridian-wire"] + "/x1", "", "Text.", "2026-11-27 14:00")
    with pytest.raises(run.CheckFailed) as failed:
        run.check(clean, D, NOW)
    assert list(failed.value.failures) == ["no_article_without_title_or_body"]
    assert str(failed.value) == (
        "1 data-quality check(s) failed:\n"
        "- no_article_without_title_or_body: 1 offending row(s)\n"
        "    id=x1, source=meridian-wire, canonical_url=https://meridian.example/x1, title=, "
        "word_count=1, last_fetched_at=2026-11-27 14:00:00+00:00, problem=no title"
    )
    many = {"sources_fresh": [{"source": f"s{i}"} for i in range(3)], "passed": []}
    assert run.format_failures(many, limit=2).splitlines() == [
        "1 data-quality check(s) failed:",
        "- sources_fresh: 3 offending row(s)",
        "    source=s0",
        "    source=s1",
        "    ... and 1 more",
    ]
