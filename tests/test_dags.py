"""The Airflow DAGs: they load, one crawl DAG per source, and real runs (``dag.test()``) of a
crawl against the demo site and of the aggregation on a hand-built data set, all against the
test PostgreSQL. Airflow's own metadata database is a SQLite file in a temporary folder."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta

import pytest
import yaml

from newsetl.config import load_sources
from newsetl.crawls import DEMO_SETTINGS as FAST  # local servers need no politeness
from newsetl.paths import ROOT

REPORT_TABLES = ("daily_source_stats", "daily_stories", "story_members", "daily_trending_terms")
D = date(2026, 11, 20)  # the day of the hand-built data set
# Airflow is configured (and imported) by the airflow_env fixture only.
pytestmark = pytest.mark.usefixtures("airflow_env")


def at(hour: int, minute: int = 0, day: date = D) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture(scope="session")
def airflow_env(tmp_path_factory, pg_url):
    """Configure Airflow (before its first import) with a migrated SQLite metadata database,
    this repo's dags/ and the ``newsetl_db`` connection pointing at the test database."""
    if "airflow" in sys.modules:
        pytest.fail("airflow was imported before the airflow_env fixture configured it")
    from newsetl.airflow_local.environment import airflow_conn_uri

    home = tmp_path_factory.mktemp("airflow-home")
    patch = pytest.MonkeyPatch()
    for key, value in {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW_CONN_NEWSETL_DB": airflow_conn_uri(pg_url),
        "NEWSETL_SPOOL_DIR": str(home / "spool"),
    }.items():
        patch.setenv(key, value)
    from airflow.utils.db import initdb

    initdb()
    yield home
    patch.undo()


@pytest.fixture(scope="session")
def dagbag(airflow_env):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(str(ROOT / "dags"))


def test_dagbag_loads_one_crawl_dag_per_source(dagbag):
    assert dagbag.import_errors == {}
    expected = {"crawl_" + name.replace("-", "_") for name in load_sources()}
    assert set(dagbag.dags) == expected | {"aggregate_reports"}


def test_crawl_dags_follow_their_source(dagbag):
    from newsetl.airflow_common import ARTICLES, CRAWL_POOL

    for name, source in load_sources().items():
        dag = dagbag.dags["crawl_" + name.replace("-", "_")]
        kinds = [kind for kind, points in source.entry_points.items() if points]
        assert sorted(dag.task_ids) == sorted(f"crawl_{kind}" for kind in kinds)
        assert dag.schedule == (source.schedule if source.active else None)
        assert dag.catchup is False
        assert dag.start_date.tzinfo is not None
        assert dag.tags == {"newsetl", "crawl", name}
        assert source.title in dag.doc_md
        assert dag.max_active_runs == 1
        for task in dag.tasks:
            assert task.pool == CRAWL_POOL
            assert task.retries == 2 and task.retry_delay == timedelta(minutes=5)
            assert task.outlets == [ARTICLES]
    assert ARTICLES.uri.startswith("postgres://127.0.0.1:") and ARTICLES.uri.endswith(
        "/newsetl/public/articles"
    )


def test_aggregation_dag_structure(dagbag):
    from airflow.sdk import AssetOrTimeSchedule

    from newsetl.airflow_common import ARTICLES

    dag = dagbag.dags["aggregate_reports"]
    assert isinstance(dag.timetable, AssetOrTimeSchedule)
    assert dag.timetable.timetable.expression == "30 0 * * *"
    assert list(dag.timetable.asset_condition.objects) == [ARTICLES]
    assert dag.catchup is False and dag.start_date.tzinfo is not None
    reports = ["daily_source_stats", "stories", "trending_terms"]
    checks = sorted(f"check_{p.stem}" for p in (ROOT / "sql" / "checks").glob("*.sql"))
    assert len(checks) == 5
    assert sorted(dag.task_ids) == sorted(["days_to_refresh", *reports, *checks])
    for upstream, downstream in zip(reports, reports[1:], strict=False):
        assert dag.get_task(downstream).upstream_task_ids == {upstream, "days_to_refresh"}
    for check in checks:
        assert dag.get_task(check).upstream_task_ids == {"days_to_refresh", "trending_terms"}
    # every report and check: one task that runs every day through newsetl.reporting.run,
    # oldest first (a story continues the day before)
    for name in reports:
        assert dag.get_task(name).op_args[0] == name
    for check in checks:
        assert dag.get_task(check).op_args[0] == check.removeprefix("check_")


def test_days_to_refresh_rules():
    sys.path.insert(0, str(ROOT / "dags"))
    try:
        from newsetl_aggregate import day_range, default_days
    finally:
        sys.path.remove(str(ROOT / "dags"))
    assert default_days(D, set()) == [D - timedelta(days=1), D]
    changed = {D - timedelta(days=5), D - timedelta(days=40), D}
    assert default_days(D, changed) == [D - timedelta(days=5), D - timedelta(days=1), D]
    assert day_range(D, D + timedelta(days=2)) == [D + timedelta(days=n) for n in range(3)]
    with pytest.raises(ValueError, match="before start"):
        day_range(D, D - timedelta(days=1))


def test_crawl_problems_name_each_failure():
    from newsetl.crawls import crawl_problems

    ok = {
        "finish_reason": "finished",
        "item_scraped_count": 5,
        "newsetl/crawl_run_id": 7,
        "newsetl/store/headlines": 3,
        "newsetl/store/articles": 2,
    }
    assert crawl_problems(0, ok) == []
    assert crawl_problems(1, None) == [
        "scrapy exited with code 1",
        "the crawl wrote no stats: it did not start or did not finish",
    ]
    (problem,) = crawl_problems(0, ok | {"spider_exceptions/ValueError": 2, "log_count/ERROR": 0})
    assert problem == "spider exceptions (ValueError: 2)"
    (problem,) = crawl_problems(0, ok | {"log_count/ERROR": 3})
    assert problem == "3 ERROR messages in the crawl log"
    # pages that failed after their retries are counted, not fatal
    assert crawl_problems(0, ok | {"log_count/ERROR": 2, "retry/max_reached": 2}) == []
    (problem,) = crawl_problems(0, ok | {"log_count/ERROR": 3, "retry/max_reached": 2})
    assert problem == "1 ERROR messages in the crawl log"
    spooled = ok | {
        "newsetl/store/spooled": 5,
        "newsetl/spool/size": 5,
        "newsetl/store/headlines": 0,
        "newsetl/store/articles": 0,
    }
    del spooled["newsetl/crawl_run_id"]
    (problem,) = crawl_problems(0, spooled)
    assert problem.startswith("database unreachable: 5 items wait in the spool")
    (problem,) = crawl_problems(0, ok | {"newsetl/spool/quarantined": 1})
    assert problem.startswith("1 batches refused by the database and quarantined")
    lost = ok | {"finish_reason": "store_failed", "newsetl/store/lost": 4}
    assert [p.split(" ")[0] for p in crawl_problems(0, lost)] == ["the", "the", "4"]
    replayed = ok | {"newsetl/store/spooled": 5, "newsetl/spool/size": 0}  # the database came back
    assert crawl_problems(0, replayed) == []
    (problem,) = crawl_problems(
        0, ok | {"item_scraped_count": 0, "newsetl/store/headlines": 0, "newsetl/store/articles": 0}
    )
    assert problem.startswith("zero items")
    (problem,) = crawl_problems(0, ok | {"finish_reason": "shutdown"})
    assert problem == "the spider closed with reason 'shutdown', not 'finished'"


def _task_states(dag_run) -> dict[str, str]:
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        tis = session.scalars(
            select(TaskInstance).where(
                TaskInstance.dag_id == dag_run.dag_id, TaskInstance.run_id == dag_run.run_id
            )
        )
        states: dict[str, list[str]] = {}
        for ti in tis:
            states.setdefault(ti.task_id, []).append(str(ti.state))
    return {task: ",".join(sorted(set(s))) for task, s in states.items()}


@pytest.mark.slow
def test_crawl_dag_stores_rows_and_emits_the_asset_event(
    dagbag, db_url, sql, demo_site, monkeypatch
):
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session
    from sqlalchemy import select

    from demosite import ARTICLES_PER_OUTLET, HEADLINES_PER_OUTLET
    from newsetl.airflow_common import ARTICLES

    monkeypatch.setenv("NEWSETL_DEMO_SITE", demo_site)
    dag = dagbag.dags["crawl_meridian_wire"]
    dag_run = dag.test(run_conf={"scrapy_settings": FAST})
    assert str(dag_run.state) == "success", _task_states(dag_run)

    articles = sql("SELECT count(*) FROM articles WHERE source = 'meridian-wire'").scalar()
    headlines = sql("SELECT count(*) FROM headlines WHERE source = 'meridian-wire'").scalar()
    assert articles == ARTICLES_PER_OUTLET["meridian"]
    assert headlines == HEADLINES_PER_OUTLET["meridian"]
    (run,) = sql("SELECT id, spider, source, status, items_stored FROM crawl_runs").all()
    assert run[1:4] == ("feeds", "meridian-wire", "finished") and run.items_stored > 0

    with create_session() as session:
        events = session.scalars(
            select(AssetEvent)
            .join(AssetModel, AssetModel.id == AssetEvent.asset_id)
            .where(AssetModel.uri == ARTICLES.uri, AssetEvent.source_run_id == dag_run.run_id)
        ).all()
        assert [(e.source_dag_id, e.source_task_id) for e in events] == [
            ("crawl_meridian_wire", "crawl_feeds")
        ]
        extra = events[0].extra
    assert extra["crawl_run_id"] == run.id and extra["articles"] == articles
    assert extra["source"] == "meridian-wire" and extra["days"]


@pytest.mark.slow
def test_a_crawl_fails_on_zero_items_and_on_an_unreachable_database(
    db_url, demo_site, tmp_path, monkeypatch
):
    from newsetl.crawls import CrawlFailed, run_crawl

    sources = tmp_path / "sources.yaml"
    common = {"allowed_domains": ["127.0.0.1"], "language": "en", "country": "GB"}
    entries = [
        {
            "name": "gone",
            "title": "Gone",
            "homepage": f"{demo_site}/gone/",
            **common,
            "feeds": [f"{demo_site}/gone/rss.xml"],
        },  # a 404: no items
        {
            "name": "meridian-wire",
            "title": "Meridian",
            "homepage": f"{demo_site}/meridian/",
            **common,
            "feeds": [f"{demo_site}/meridian/rss.xml"],
        },
    ]
    sources.write_text(yaml.safe_dump({"sources": entries}))
    monkeypatch.setenv("NEWSETL_SOURCES", str(sources))
    settings = FAST | {"SPOOL_DIR": str(tmp_path / "spool")}
    with pytest.raises(CrawlFailed, match="zero items") as failed:
        run_crawl("feeds", "gone", db_url, settings, echo=lambda line: None)
    assert "database" not in str(failed.value)
    unreachable = "postgresql+psycopg://postgres@127.0.0.1:1/newsetl"
    with pytest.raises(CrawlFailed, match=r"database unreachable: \d+ items wait in the spool"):
        run_crawl("feeds", "meridian-wire", unreachable, settings, echo=lambda line: None)


SOURCES = [("alpha", "Alpha News"), ("beta", "Beta Daily"), ("gamma", "Gamma Wire")]
FLOODS = "Floods kill 14 in central Vietnam"
FLOODS_B = "Floods kill 14 in central Vietnam, officials say"
FLOODS_G = "Floods kill at least 14 in central Vietnam"  # not similar enough to FLOODS_B
COPPER = "Copper hits three-month high"
# (id, source, path, title, published_at, first_seen_at, last_seen_at)
HEADLINE_ROWS = [
    (1, "alpha", "floods", FLOODS, at(7), at(8), at(9)),
    (2, "alpha", "copper", COPPER, at(9), at(10), at(10)),
    (3, "beta", "floods", FLOODS_B, None, at(8, 30), at(8, 30)),
    (4, "gamma", "floods", FLOODS_G, at(10), at(11), at(11)),
]
# (id, source, path, title, authors, published_at, first_fetched_at, body, word_count)
ARTICLE_ROWS = [
    ("a1", "alpha", "floods", FLOODS, ["Ana"], at(7), at(8), "Rain swept away homes in Hue.", 100),
    ("a2", "alpha", "copper", COPPER, [], at(9), at(10, 30), "A strike at a Chilean mine.", 200),
    ("b1", "beta", "floods", FLOODS_B, ["Bo"], None, at(8, 30), "Rescuers search Quang Tri.", 50),
]


def url(source: str, path: str) -> str:
    return path if "://" in path else f"https://{source}.example/{path}"


def load_data_set(sql, headlines=HEADLINE_ROWS, articles=ARTICLE_ROWS, sources=SOURCES) -> None:
    for name, title in sources:
        sql(
            "INSERT INTO sources (name, title, homepage, config) VALUES (:n, :t, :h, "
            "CAST(:c AS jsonb))",
            n=name,
            t=title,
            h=f"https://{name}.example/",
            c='{"freshness_hours": 48, "active": true}',
        )
    for id_, source, path, title, published, first, last in headlines:
        sql(
            "INSERT INTO headlines (id, source, url, title, published_at, first_seen_at, "
            "last_seen_at) VALUES (:i, :s, :u, :t, :p, :f, :l)",
            i=id_,
            s=source,
            u=url(source, path),
            t=title,
            p=published,
            f=first,
            l=last,
        )
        sql(
            "INSERT INTO headline_sightings (headline_id, entry_point, kind, position, seen_at) "
            "VALUES (:i, 'https://example/feed', 'feed', 1, :f)",
            i=id_,
            f=first,
        )
    for id_, source, path, title, authors, published, fetched, body, words in articles:
        sql(
            "INSERT INTO articles (id, canonical_url, url, source, title, authors, published_at, "
            "body, word_count, content_hash, first_fetched_at, last_fetched_at) VALUES "
            "(:i, :u, :u, :s, :t, :a, :p, :b, :w, md5(:b), :f, :f)",
            i=id_,
            u=url(source, path),
            s=source,
            t=title,
            a=authors,
            p=published,
            b=body,
            w=words,
            f=fetched,
        )


def report_rows(sql) -> dict[str, list[tuple]]:
    return {
        table: [tuple(r) for r in sql(f"SELECT * FROM {table} ORDER BY 1, 2, 3")]  # noqa: S608
        for table in REPORT_TABLES
    }


@pytest.mark.slow
def test_aggregation_rewrites_exact_reports_idempotently(dagbag, db_url, sql):
    load_data_set(sql)
    dag = dagbag.dags["aggregate_reports"]
    runs = []
    for _ in range(2):
        # A scheduled run at 00:30 on D+1: refreshes D and D+1 (UTC), then checks both days.
        dag_run = dag.test(logical_date=at(0, 30, D + timedelta(days=1)))
        assert str(dag_run.state) == "success", _task_states(dag_run)
        runs.append(report_rows(sql))
    assert runs[0] == runs[1]

    stats = sql(
        "SELECT day, source, headlines_seen, articles_stored, words, "
        "median_delay_minutes, p90_delay_minutes, missing_author_share, "
        "missing_published_share, missing_body_share "
        "FROM daily_source_stats ORDER BY day, source"
    ).all()
    assert [tuple(r) for r in stats] == [
        # alpha: delays 60 and 90 minutes; one of two articles without an author
        (D, "alpha", 2, 2, 300, 75.0, 87.0, 0.5, 0.0, 0.0),
        # beta: its one article has no publication time, so no delay
        (D, "beta", 1, 1, 50, None, None, 0.0, 1.0, 0.0),
        # gamma: a headline without an article
        (D, "gamma", 1, 0, 0, None, None, None, None, None),
    ]
    # The flood story: a1~b1 and a1~h4 by title (b1 and h4 alone are not similar enough),
    # so one story of three outlets; the copper article was told by one outlet only.
    stories = sql(
        "SELECT day, story_id, title, sources, source_count, member_count, "
        "distinct_reports, first_seen_at, last_seen_at FROM daily_stories"
    ).all()
    assert [tuple(r) for r in stories] == [
        (D, "article:a1", FLOODS, ["alpha", "beta", "gamma"], 3, 3, 3, at(8), at(11)),
    ]
    members = sql("SELECT member_id FROM story_members ORDER BY member_id").scalars().all()
    assert members == ["article:a1", "article:b1", "headline:4"]


@pytest.mark.slow
def test_each_data_quality_check_fails_on_rows_built_to_break_it(dagbag, db_url, sql, capfd):
    stale = at(7, 0, D - timedelta(days=3))
    load_data_set(
        sql,
        sources=[*SOURCES, ("delta", "Delta Post")],
        headlines=[*HEADLINE_ROWS, (5, "delta", "old", "Old news", stale, stale, stale)],
        articles=[
            *ARTICLE_ROWS,
            ("nobody", "beta", "empty", "An empty page", [], None, at(12), "", 0),  # no body
            # published eleven hours after it was fetched
            ("future", "beta", "future", "From the future", [], at(23), at(12), "Tomorrow.", 1),
            # the same page as a1 behind www. and a trailing slash
            (
                "dup",
                "beta",
                "https://www.alpha.example/floods/",
                "A copy",
                [],
                None,
                at(12),
                "A",
                1,
            ),
        ],
    )
    dag = dagbag.dags["aggregate_reports"]
    capfd.readouterr()
    dag_run = dag.test(logical_date=at(0, 30, D + timedelta(days=1)))
    output = "\n".join(capfd.readouterr())
    states = _task_states(dag_run)
    assert str(dag_run.state) == "failed"
    assert {k: v for k, v in states.items() if not k.startswith("check_")} == {
        "days_to_refresh": "success",
        "daily_source_stats": "success",
        "stories": "success",
        "trending_terms": "success",
    }
    assert {k: v for k, v in states.items() if k.startswith("check_")} == {
        "check_no_article_without_title_or_body": "failed",
        "check_no_future_publication": "failed",
        "check_no_duplicate_canonical_url": "failed",
        "check_sources_fresh": "failed",
        # a day of data is no history: sources_volume judges none (see test_checks.py)
        "check_sources_volume": "success",
    }
    assert "no_article_without_title_or_body: 1 offending row(s)" in output
    assert "id=nobody" in output and "problem=no body" in output
    assert "no_future_publication: 1 offending row(s)" in output and "id=future" in output
    assert "no_duplicate_canonical_url: 2 offending row(s)" in output
    assert "canonical_url=https://www.alpha.example/floods/" in output
    assert "sources_fresh: 1 offending row(s)" in output and "source=delta" in output


@pytest.mark.slow
def test_a_distributed_crawl_seeds_once_and_maps_workers_that_drain_the_frontier(
    db_url, sql, tmp_path, monkeypatch
):
    from airflow.dag_processing.dagbag import DagBag
    from bigsite import BigSite, serve, sources_file
    from helpers import redis_server

    site = BigSite(150)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sources = sources_file(tmp_path / "sources.yaml", base, workers=3)
    monkeypatch.setenv("NEWSETL_SOURCES", str(sources))
    try:
        with redis_server("newsetl-test-redis-") as redis:
            monkeypatch.setenv("REDIS_URL", redis.url)
            dag = DagBag(str(ROOT / "dags")).dags["crawl_bigsite"]
            assert sorted(dag.task_ids) == ["crawl_sitemaps", "seed_sitemaps"]
            settings = FAST | {"FRONTIER_IDLE_SECONDS": "1"}
            dag_run = dag.test(run_conf={"scrapy_settings": settings, "workers": 2})
    finally:
        server.shutdown()
        server.server_close()
    assert str(dag_run.state) == "success", _task_states(dag_run)

    tis = {(ti.task_id, ti.map_index): ti for ti in dag_run.get_task_instances()}
    assert sorted(tis) == [("crawl_sitemaps", 0), ("crawl_sitemaps", 1), ("seed_sitemaps", -1)]
    assert site.fetches["/sitemap.xml"] == 1  # seeded once, fetched once
    assert [site.fetches[path] for path in site.article_paths()] == [1] * site.pages
    assert sql("SELECT count(*) FROM articles").scalar() == site.pages
    runs = sql("SELECT spider, source, status FROM crawl_runs").all()
    assert sorted(runs) == [("sitemaps", "bigsite", "finished")] * 2
