"""The daily reports (sql/reports/<report>/ through newsetl.reporting.run.refresh) on a hand-built
data set in the style of wire news, with every expected number worked out by hand.

The day under test is D = 2026-11-27 (UTC). Three sources; D's documents:
  A1 meridian-wire  "Asian markets mixed ahead of US data, ..."   wire body W
  A2 harbour-times  "Markets rise ahead of US data, ..."           own body (title ~ A1)
  A3 daily-courier  "Asian shares mixed before US data ..."        body W again (wire copy)
  B1 harbour-times  "Storm closes Rotterdam port ..."              body P
  B3 meridian-wire  "Dozens of vessels stranded ..."               body P with one edit
  B2 daily-courier  headline only, "Rotterdam port closed by storm, ..." (title ~ B1)
  C1 meridian-wire  council story, covered by nobody else
  C2 meridian-wire  live blog on the storm with an empty body (shares words with B1, B2)
plus E1, E2 on D-1 (E2 refetched and sighted again on D), F1 on D-2, G1 at D+1 00:00.
"""

from __future__ import annotations

import importlib
import math
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sqlalchemy import make_url, text
from wordfreq import top_n_list

from demosite import DemoSite
from newsetl import db, reporting, trending
from newsetl.paths import ROOT
from newsetl.reporting import run

D = date(2026, 11, 27)
REPORT_TABLES = "daily_source_stats, daily_stories, story_members, daily_trending_terms"
SOURCES = ("meridian-wire", "harbour-times", "daily-courier")
HOST = {
    "meridian-wire": "https://meridian.example",
    "harbour-times": "https://harbour.example",
    "daily-courier": "https://courier.example",
}
WIRE = (
    "Asian markets were mixed on Friday as investors waited for US economic data that "
    "could confirm an interest rate cut by the Fed next month. Tokyo's benchmark rose "
    "slightly while Hong Kong slipped. Traders said the Fed was widely expected to lower "
    "rates. Oil prices were little changed in early trade."
)
PORT = (
    "A powerful storm forced the closure of the port of Rotterdam on Friday, leaving dozens "
    "of ships waiting offshore. Port authorities said operations would resume once winds "
    "eased below gale force. Container terminals were shut and pilots suspended all "
    "services overnight."
)
PORT_EDITED = PORT.replace(
    "pilots suspended all services overnight.", "the coast guard told vessels to stay away."
)
# id, source, path, title, authors, published (UTC), first fetched (UTC), word_count, body
# fmt: off
ARTICLES = [
    ("a1", "meridian-wire", "/markets/asia-mixed",
     "Asian markets mixed ahead of US data, expected Fed rate cut", ["Kim Lee"],
     "2026-11-27 06:30", "2026-11-27 07:00", 52, WIRE),
    ("a2", "harbour-times", "/business/markets-rise",
     "Markets rise ahead of US data, expected Fed rate cut", [],
     "2026-11-27 07:00", "2026-11-27 08:00", 34,
     "Stock markets in the region edged higher on Friday ahead of US jobs data. Investors "
     "expect the Fed to cut its key rate next month, analysts said. The dollar was steady."),
    ("a3", "daily-courier", "/world/asian-shares",
     "Asian shares mixed before US data as traders bet on Fed cut", ["Kim Lee"],
     None, "2026-11-27 09:00", 52, WIRE),
    ("b1", "harbour-times", "/shipping/storm-port",
     "Storm closes Rotterdam port as ships wait offshore", ["Tom Berg"],
     "2026-11-27 10:00", "2026-11-27 10:30", 48, PORT),
    ("b3", "meridian-wire", "/europe/vessels-stranded",
     "Dozens of vessels stranded off the Dutch coast", ["Kim Lee"],
     "2026-11-27 10:00", "2026-11-27 10:45", 50, PORT_EDITED),
    ("c1", "meridian-wire", "/local/cycling-lanes",
     "City council approves new cycling lanes", ["Ana Ruiz"],
     "2026-11-27 11:00", "2026-11-27 13:00", 20,
     "The city council approved plans for new cycling lanes on Friday after a long debate. "
     "Work will start in spring."),
    ("c2", "meridian-wire", "/live/rotterdam-storm",
     "Live: Rotterdam storm updates", [],
     "2026-11-27 12:00", "2026-11-27 12:30", 0, ""),
    ("e1", "meridian-wire", "/markets/oil-climbs",
     "Markets slip as oil prices climb", ["Kim Lee"],
     "2026-11-26 08:00", "2026-11-26 09:00", 19,
     "Stock markets slipped on Thursday as oil prices climbed to a three-month high. "
     "Energy shares gained."),
    ("e2", "harbour-times", "/business/oil-climb",
     "Oil prices climb, markets slip in early trade", ["Tom Berg"],
     "2026-11-26 09:30", "2026-11-26 10:00", 14,
     "Oil prices climbed on Thursday and markets slipped in early trade, dealers said."),
    ("f1", "daily-courier", "/world/markets-calm",
     "Global markets calm before central bank week", [],
     "2026-11-25 14:00", "2026-11-25 15:00", 13,
     "Global markets were calm on Wednesday before a busy week for central banks."),
    ("g1", "harbour-times", "/shipping/port-reopens",
     "Port of Rotterdam reopens after storm", ["Tom Berg"],
     "2026-11-27 23:40", "2026-11-28 00:00", 30,
     "The port of Rotterdam reopened after the storm passed and ships began to dock."),
]
# A headline for each article, first seen this many minutes before the article's fetch.
HEADLINE_LEAD = {"a1": 10, "a2": 20, "a3": 10, "b1": 10, "b3": 5, "c1": 5, "c2": 10,
                 "e1": 5, "e2": 10, "f1": 30, "g1": 0}
# fmt: on
B2_URL = "https://courier.example/world/rotterdam-storm"


def ts(value: str | None) -> datetime | None:
    return datetime.fromisoformat(f"{value}+00:00") if value else None


def load_wire_news(sql) -> None:
    """The data set above, through plain SQL (the shape the store pipeline writes)."""
    for name in SOURCES:
        sql(
            "INSERT INTO sources (name, title, homepage, language, config) "
            "VALUES (:name, :title, :homepage, 'en', '{}')",
            name=name,
            title=name.replace("-", " ").title(),
            homepage=HOST[name] + "/",
        )
    for id_, source, path, title, authors, published, fetched, words, body in ARTICLES:
        url = HOST[source] + path
        sql(
            "INSERT INTO articles (id, canonical_url, url, source, title, authors, "
            "published_at, body, word_count, content_hash, first_fetched_at, last_fetched_at) "
            "VALUES (:id, :url, :url, :source, :title, :authors, :published, :body, :words, "
            ":hash, :fetched, :fetched)",
            id=id_,
            url=url,
            source=source,
            title=title,
            authors=authors,
            published=ts(published),
            body=body,
            words=words,
            hash=f"hash-{id_}",
            fetched=ts(fetched),
        )
        seen = ts(fetched) - timedelta(minutes=HEADLINE_LEAD[id_])
        add_headline(sql, source, url, title, seen)
    add_headline(
        sql,
        "daily-courier",
        B2_URL,
        "Rotterdam port closed by storm, ships wait offshore",
        ts("2026-11-27 11:00"),
    )
    # e2 (D-1) was fetched again and its headline sighted again on D.
    refetched = ts("2026-11-27 08:30")
    sql("UPDATE articles SET last_fetched_at = :at WHERE id = 'e2'", at=refetched)
    add_headline(
        sql,
        "harbour-times",
        HOST["harbour-times"] + "/business/oil-climb",
        "Oil prices climb, markets slip in early trade",
        refetched,
    )


def add_headline(sql, source: str, url: str, title: str, seen: datetime) -> None:
    """Upsert a headline and record one sighting, as the store pipeline does."""
    sql(
        "WITH h AS ("
        "  INSERT INTO headlines AS h (source, url, title, first_seen_at, last_seen_at)"
        "  VALUES (:source, :url, :title, :seen, :seen)"
        "  ON CONFLICT (source, url) DO UPDATE SET last_seen_at = excluded.last_seen_at"
        "  RETURNING id)"
        "INSERT INTO headline_sightings (headline_id, entry_point, kind, seen_at) "
        "SELECT id, :entry_point, 'feed', :seen FROM h",
        source=source,
        url=url,
        title=title,
        seen=seen,
        entry_point=f"{HOST[source]}/rss.xml#{seen:%Y%m%d%H%M}",  # one per crawl
    )


@pytest.fixture
def wire_news(db_url, sql):
    """The data set loaded, and the report tables emptied."""
    sql(f"TRUNCATE {REPORT_TABLES}")  # noqa: S608 - constant
    load_wire_news(sql)
    return db_url


def report_rows(sql, view: str, day: date, order: str) -> list[dict]:
    rows = sql(f"SELECT * FROM {view} WHERE day = :day ORDER BY {order}", day=day)  # noqa: S608
    return [dict(row) for row in rows.mappings()]


def snapshot(sql, day: date) -> dict[str, list[dict]]:
    return {
        "stats": report_rows(sql, "report_daily_source_stats", day, "source"),
        "stories": report_rows(sql, "report_daily_stories", day, "story_id"),
        "members": report_rows(sql, "report_story_members", day, "member_id"),
        "terms": report_rows(sql, "report_daily_trending_terms", day, "kind, term"),
    }


def test_daily_source_stats(wire_news, sql):
    run.refresh(wire_news, D)
    rows = report_rows(sql, "report_daily_source_stats", D, "source")
    stats = {row.pop("source"): row for row in rows}
    assert stats == {
        # a3 only; it has no published date, so no delay.
        "daily-courier": dict(
            day=D,
            headlines_seen=2,
            articles_stored=1,
            words=52,
            median_delay_minutes=None,
            p90_delay_minutes=None,
            missing_author_share=0.0,
            missing_published_share=1.0,
            missing_body_share=0.0,
        ),
        # a2 (60 min), b1 (30 min); e2's headline was sighted again on D.
        "harbour-times": dict(
            day=D,
            headlines_seen=3,
            articles_stored=2,
            words=82,
            median_delay_minutes=pytest.approx(45.0),
            p90_delay_minutes=pytest.approx(57.0),
            missing_author_share=0.5,
            missing_published_share=0.0,
            missing_body_share=0.0,
        ),
        # a1 (30), b3 (45), c1 (120), c2 (30): median 37.5, p90 = 45 + 0.7 * 75 = 97.5.
        "meridian-wire": dict(
            day=D,
            headlines_seen=4,
            articles_stored=4,
            words=122,
            median_delay_minutes=pytest.approx(37.5),
            p90_delay_minutes=pytest.approx(97.5),
            missing_author_share=0.25,
            missing_published_share=0.0,
            missing_body_share=0.25,
        ),
    }


def test_daily_stories_group_near_duplicates_across_sources(wire_news, sql):
    run.refresh(wire_news, D)
    b2 = sql("SELECT id FROM headlines WHERE url = :url", url=B2_URL).scalar_one()
    all_three = ["daily-courier", "harbour-times", "meridian-wire"]
    assert report_rows(sql, "report_daily_stories", D, "story_id") == [
        dict(
            day=D,
            story_id="article:a1",
            title="Asian markets mixed ahead of US data, expected Fed rate cut",
            sources=all_three,
            source_count=3,
            member_count=3,
            distinct_reports=2,  # a1 and a3 are the same wire copy
            first_seen_at=ts("2026-11-27 07:00"),
            last_seen_at=ts("2026-11-27 09:00"),
        ),
        dict(
            day=D,
            story_id="article:b1",
            title="Storm closes Rotterdam port as ships wait offshore",
            sources=all_three,
            source_count=3,
            member_count=4,
            distinct_reports=4,
            first_seen_at=ts("2026-11-27 10:30"),
            last_seen_at=ts("2026-11-27 12:30"),
        ),
    ]
    members = report_rows(sql, "report_story_members", D, "member_id")
    assert [(m["story_id"], m["member_id"], m["source"]) for m in members] == [
        ("article:a1", "article:a1", "meridian-wire"),  # the earliest
        ("article:a1", "article:a2", "harbour-times"),  # similar title
        ("article:a1", "article:a3", "daily-courier"),  # identical body, other title
        ("article:b1", "article:b1", "harbour-times"),
        ("article:b1", "article:b3", "meridian-wire"),  # near-duplicate body, other title
        ("article:b1", "article:c2", "meridian-wire"),  # same event in other words
        ("article:b1", f"headline:{b2}", "daily-courier"),  # similar title, no article
    ]
    by_id = {m["member_id"]: m for m in members}
    assert by_id["article:a1"]["body_hash"] == by_id["article:a3"]["body_hash"] is not None
    assert by_id[f"headline:{b2}"] | {"day": None} == dict(
        day=None,
        story_id="article:b1",
        member_id=f"headline:{b2}",
        article_id=None,
        headline_id=b2,
        source="daily-courier",
        title="Rotterdam port closed by storm, ships wait offshore",
        url=B2_URL,
        first_seen_at=ts("2026-11-27 11:00"),
        body_hash=None,
    )
    # c1 was told by meridian-wire alone: no story.
    assert "article:c1" not in by_id


def test_trending_terms(wire_news, sql):
    run.refresh(wire_news, D)
    rows = report_rows(sql, "report_daily_trending_terms", D, "kind, rank")
    terms = {(r["kind"], r["term"]): r for r in rows}
    # D has 8 documents (the 7 articles and b2's headline); the 14 days before it, 3 (e1 and
    # e2 on D-1, f1 on D-2). The background adds 10,000 documents with wordfreq's shares.
    # "rotterdam": b1, b2, b3, c2 on D, never before.
    prior = trending.BACKGROUND_DOCS * trending.background_share("rotterdam")
    assert terms["word", "rotterdam"] | {"rank": None} == dict(
        day=D,
        kind="word",
        term="rotterdam",
        rank=None,
        docs=4,
        source_count=3,
        prev_7_avg=0.0,
        score=pytest.approx(trending.g2(4, 8, prior, 10_003)),
    )
    # "markets": a1, a2, a3 on D; e1, e2 and f1 in the week before: 3/7 a day.
    markets = terms["word", "markets"]
    assert (markets["docs"], markets["source_count"]) == (3, 3)
    assert markets["prev_7_avg"] == pytest.approx(3 / 7)
    prior = trending.BACKGROUND_DOCS * trending.background_share("markets")
    assert markets["score"] == pytest.approx(trending.g2(3, 8, 3 + prior, 10_003))
    assert terms["bigram", "rate cut"]["docs"] == 3  # a1, a3 (body W), a2 (title)
    assert terms["word", "fed"]["docs"] == 3  # "Fed" case-folded
    assert all(r["docs"] >= 3 and 1 <= r["rank"] <= 20 for r in rows)
    for stop in ("the", "said", "friday", "were"):  # a stop word, reporting verb, day
        assert ("word", stop) not in terms


def test_g2_by_hand():
    # 10 of 100 documents of the day, 10 of 1,000 before: expected 100 * 20 / 1100 etc.
    cells = [(10, 100 * 20 / 1100), (90, 100 * 1080 / 1100)]
    cells += [(10, 1000 * 20 / 1100), (990, 1000 * 1080 / 1100)]
    expected = 2 * sum(o * math.log(o / e) for o, e in cells)
    assert trending.g2(10, 100, 10, 1000) == pytest.approx(expected)
    assert trending.g2(10, 100, 100, 1000) == pytest.approx(0)  # the same share: no surprise


def test_trending_terms_keep_names_whole_and_fold_case():
    day = D
    docs = [
        (day, "alpha", "Shares slide in Hong Kong", "Stocks in Hong Kong fell as Asia sold off."),
        (day, "beta", "Hong Kong stocks fall", "Markets across asia slid; Hong Kong led losses."),
        (day, "gamma", "Asia markets: Hong Kong drops", "Hong Kong shares dropped in Asia."),
        (day, "delta", "Weather: rain in the north", "Rain swept Asia's north; Hong Kong was dry."),
    ]
    terms = {(t.kind, t.term): t for t in trending.trending(day, docs)}
    assert terms["name", "hong kong"].docs == 4
    assert ("word", "hong") not in terms and ("word", "kong") not in terms
    assert terms["word", "asia"].docs == 4  # "Asia", "asia" and "Asia's" are one term
    assert not {w for kind, t in terms for w in t.split()} & ENGLISH_STOP_WORDS


def test_the_demos_top_trending_terms_are_no_stop_words():
    site = DemoSite(now=datetime(2026, 11, 30, 12, tzinfo=UTC))
    day = site.anchor.date()
    docs = [(day, a.outlet, a.headline, a.text[:300]) for a in site.articles]
    docs += [(day, h.outlet, h.headline, None) for h in site.headlines if h.is_brief]
    top = sorted(trending.trending(day, docs), key=lambda t: (-t.score, -t.docs))[:20]
    assert len(top) == 20
    common = set(top_n_list("en", 300))  # the 300 most frequent English words
    for t in top:
        assert not set(t.term.split()) & (ENGLISH_STOP_WORDS | common), t.term
    assert any(t.kind == "name" for t in top)


def test_refresh_is_idempotent_and_rewrites_only_its_day(wire_news, sql):
    before = D - timedelta(days=1)
    run.refresh(wire_news, before)
    other_day = snapshot(sql, before)
    assert other_day["stats"] and other_day["terms"] == []  # D-1 has 2 documents only

    run.refresh(wire_news, D)
    first = snapshot(sql, D)
    run.refresh(wire_news, D)
    assert snapshot(sql, D) == first
    assert first["stats"] and first["stories"] and first["members"] and first["terms"]
    assert snapshot(sql, before) == other_day

    # A rerun after the data changed replaces the day's rows rather than adding to them:
    # without its article, a2 takes part through its headline.
    sql("DELETE FROM articles WHERE id = 'a2'")
    run.refresh(wire_news, D)
    a2 = sql("SELECT id FROM headlines WHERE url LIKE '%/markets-rise'").scalar_one()
    members = report_rows(sql, "report_story_members", D, "member_id")
    assert [(m["story_id"], m["member_id"]) for m in members if m["story_id"] == "article:a1"] == [
        ("article:a1", "article:a1"),
        ("article:a1", "article:a3"),
        ("article:a1", f"headline:{a2}"),
    ]
    assert len(members) == len(first["members"])
    assert snapshot(sql, before) == other_day


@pytest.mark.parametrize("report", reporting.reports(), ids=lambda report: report.name)
def test_each_report_is_one_complete_folder(report):
    """A README (linked from docs/REPORTS.md); a build (build.sql, or a module with
    write_day named in metadata.yaml, not both) or queries to read it with; nothing else."""
    assert (report.folder / "README.md").is_file()
    assert f"sql/reports/{report.name}/README.md" in (ROOT / "docs" / "REPORTS.md").read_text()
    assert not (report.module and report.build_sql)
    if report.module:
        assert callable(importlib.import_module(report.module).write_day)
    assert report.built or list((report.folder / "queries").glob("*.sql"))
    for path in report.folder.iterdir():
        expected = path.suffix in (".sql", ".md", ".yaml") or path.name in ("queries", "checks")
        assert expected, path


def test_check_names_are_unique():
    names = [path.stem for path in reporting.check_files()]
    assert len(names) == len(set(names)) == 5


BIND = r"(?<![:\w\\]):(\w+)(?!:)"  # SQLAlchemy's text() bind parameter


@pytest.mark.parametrize(
    "path", sorted(db.SQL_DIR.glob("reports/**/*.sql")) + sorted(db.SQL_DIR.glob("checks/*.sql")),
    ids=lambda path: str(path.relative_to(db.SQL_DIR)),
)  # fmt: skip
def test_sql_files_bind_one_way(path):
    """Every report and check file binds its parameters as SQLAlchemy's ``:name`` (the CLI
    and the DAG run them through newsetl.reporting.run), and its comments name only
    parameters it uses."""
    text_ = path.read_text()
    assert not re.search(r"%\(\w+\)s", text_)
    code = "\n".join(line.split("--")[0] for line in text_.splitlines())
    assert set(re.findall(BIND, text_)) == set(re.findall(BIND, code))
    binds = {name for s in reporting.statements(path) for name in s.compile().params}
    assert binds == set(re.findall(BIND, code)) and binds <= {
        "day", "now", "days", "limit", "gaps", "story_ids", "members", "terms",
    }  # fmt: skip


def test_each_report_built_alone_as_the_dag_builds_it(wire_news, sql):
    """One report at a time over several days (the DAG's report tasks) gives the rows of
    refreshing each day whole (the CLI); the Python reports' own ``refresh`` too."""
    days = [D - timedelta(days=1), D]
    for day in days:
        run.refresh(wire_news, day)
    expected = [snapshot(sql, day) for day in days]
    sql(f"TRUNCATE {REPORT_TABLES}")  # noqa: S608 - constant
    for report in reporting.built_reports():
        assert set(run.build(wire_news, report.name, reversed(days))) == set(days)
    assert [snapshot(sql, day) for day in days] == expected
    sql(f"TRUNCATE {REPORT_TABLES}")  # noqa: S608 - constant
    run.build(wire_news, "daily_source_stats", [D])
    for report in reporting.built_reports():
        if report.module:
            importlib.import_module(report.module).refresh(wire_news, D)
    assert snapshot(sql, D) == expected[1]


def test_migration_downgrades_and_upgrades(pg_url):
    """0002 down and up again on a database of its own, and `alembic check` is clean."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import newsetl.reporting.schema  # noqa: F401 - the report tables on the shared metadata
    from newsetl.schema import metadata

    admin = db.engine(pg_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS newsetl_migrations"))
        conn.execute(text("CREATE DATABASE newsetl_migrations"))
    url = make_url(pg_url).set(database="newsetl_migrations").render_as_string(False)
    try:
        db.migrate(url)
        db.downgrade(url, "0001")
        engine = db.engine(url)
        with engine.connect() as conn:
            left = conn.execute(
                text(
                    "SELECT count(*) FROM pg_class WHERE relname LIKE ANY "
                    "(ARRAY['daily%', 'report%', 'story%'])"
                )
            ).scalar_one()
        assert left == 0
        db.migrate(url)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE newsetl_migrations WITH (FORCE)"))
        admin.dispose()


def test_example_queries_in_the_docs_run(wire_news, sql):
    run.refresh(wire_news, D)
    doc = (ROOT / "docs" / "REPORTS.md").read_text()
    queries = re.findall(r"```sql\n(.*?)```", doc, re.S)
    results = [sql(q).all() for q in queries]
    terms = sql("SELECT count(DISTINCT (term, kind)) FROM daily_trending_terms").scalar_one()
    # per source; the latest day's stories; every term of the one day, at most 20
    assert [len(rows) for rows in results] == [3, 2, min(terms, 20)] and terms > 0
