"""Crawl DAGs: one per source in ``sources.yaml`` (``crawl_<name>``), so each outlet can be
paused, triggered and scheduled on its own.

Each DAG has one task per kind of entry point the source has (feeds, sitemaps, listing); a
task runs ``scrapy crawl <kind> -a source=<name>`` as a subprocess (Twisted's reactor cannot
restart inside one process) in the ``crawl_pool`` pool, and produces the articles Asset.

A source with ``workers: N`` (N > 1) is crawled in distributed mode: ``seed_<kind>`` sends
its entry points once to a crawl frontier shared through Redis (``REDIS_URL``, see
``newsetl.crawling.frontier``), then N mapped ``crawl_<kind>`` tasks (dynamic task mapping, on any
Celery workers) drain it together, each URL fetched once.
Import reads sources.yaml and the environment only.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import Param, dag, get_current_context, task

from newsetl import db
from newsetl.airflow_common import ARTICLES, CONN_ID, CRAWL_POOL, START_DATE, dag_id_for
from newsetl.config import Source, load_sources
from newsetl.crawls import CrawlFailed, crawl_days, run_crawl, seed_frontier

DEFAULT_ARGS = {
    "owner": "newsetl",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": 2.0,  # 5 min, then 10 min
    "max_retry_delay": timedelta(minutes=30),
    "execution_timeout": timedelta(hours=1),
}
SPIDER_DOC = {
    "feeds": "RSS/Atom feeds",
    "sitemaps": "sitemaps (news sitemaps, indexes)",
    "listing": "listing pages (front and section pages)",
}


@task
def seed(spider: str, source: str, workers: int) -> list[str]:
    """Send the source's entry points to a new shared frontier, named after this DAG run;
    returns its name once per crawl task to map."""
    from airflow.sdk.exceptions import AirflowException

    context = get_current_context()
    run = f"{context['dag'].dag_id}/{context['run_id']}/{spider}"
    settings = context["params"].get("scrapy_settings") or {}
    try:
        queued = seed_frontier(spider, source, run, settings)
    except CrawlFailed as exc:
        raise AirflowException(str(exc)) from None
    workers = context["params"].get("workers") or workers
    print(f"frontier {run}: {queued} entry points queued for {workers} crawl tasks")
    return [run] * workers


@task(pool=CRAWL_POOL, outlets=[ARTICLES])
def crawl(spider: str, source: str, frontier: str | None = None) -> dict:
    """Run one spider for one source (or drain the shared ``frontier``); fails when the
    crawl does (see the DAG's doc)."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook
    from airflow.sdk.exceptions import AirflowException

    context = get_current_context()
    params = context["params"]
    url = PostgresHook(postgres_conn_id=CONN_ID).get_uri()
    settings = params.get("scrapy_settings") or {}
    if frontier:
        settings = settings | {"FRONTIER_RUN": frontier, "FRONTIER_MODE": "crawl"}
    try:
        stats = run_crawl(
            spider, source, url, settings=settings, refetch=bool(params.get("refetch"))
        )
    except CrawlFailed as exc:
        raise AirflowException(str(exc)) from None
    run_id = stats["newsetl/crawl_run_id"]
    row = db.fetch_one(url, "crawl_run_status", id=run_id)
    if row is None:
        raise AirflowException(f"crawl run {run_id} is missing from crawl_runs")
    print(f"crawl run {run_id} recorded in crawl_runs: status {row[0]}, {row[1]} items stored")
    result = {
        "source": source,
        "spider": spider,
        "crawl_run_id": run_id,
        "headlines": stats.get("newsetl/store/headlines", 0),
        "articles": stats.get("newsetl/store/articles", 0),
        "days": crawl_days(stats),
    }
    context["outlet_events"][ARTICLES].extra = result
    return result


def doc_for(source: Source) -> str:
    kinds = [kind for kind, points in source.entry_points.items() if points]
    lines = [
        f"# Crawl {source.title}",
        "",
        f"Source `{source.name}` in `sources.yaml`: <{source.homepage}> "
        f"({source.language}, {source.country}).",
        f"Schedule `{source.schedule}`"
        + ("" if source.active else " (inactive: manual runs only)")
        + f"; data-quality freshness: a headline at least every {source.freshness_hours:g} h.",
        "",
        "| task | entry points |",
        "| --- | --- |",
    ]
    for kind in kinds:
        points = [getattr(p, "url", p) for p in source.entry_points[kind]]
        lines.append(f"| `crawl_{kind}` ({SPIDER_DOC[kind]}) | {'<br>'.join(points)} |")
    lines += [
        "",
        f"Each task runs `scrapy crawl <kind> -a source={source.name}` against the "
        f"`{CONN_ID}` connection, records the run in `crawl_runs` and emits the "
        f"`{ARTICLES.uri}` Asset. It fails on a non-zero exit, spider errors, zero items, "
        "or data left outside the database (items waiting in the spool because the database "
        "was unreachable, batches it refused, items lost); its log ends with the Scrapy stats.",
        "",
        "Trigger options: `refetch` fetches already-stored articles again; `scrapy_settings` "
        'overrides Scrapy settings, e.g. `{"DOWNLOAD_DELAY": "0"}` for the local demo site.',
    ]
    if source.workers > 1:
        lines += [
            "",
            f"Distributed: `seed_<kind>` queues the entry points once in a Redis frontier "
            f"(`REDIS_URL`), then `workers` (default {source.workers}) mapped `crawl_<kind>` "
            "tasks drain it, on any workers; each URL is fetched once.",
        ]
    return "\n".join(lines)


def crawl_dag(source: Source):
    params = {
        "refetch": Param(False, type="boolean", description="Fetch stored articles again"),
        "scrapy_settings": Param(
            {}, type="object", description="Scrapy settings for this run (-s KEY=VALUE)"
        ),
    }
    if source.workers > 1:
        params["workers"] = Param(
            source.workers, type="integer", minimum=1, description="Crawl tasks to map"
        )

    @dag(
        dag_id=dag_id_for(source.name),
        description=f"Crawl {source.title} ({source.homepage})",
        schedule=source.schedule if source.active else None,
        start_date=START_DATE,
        catchup=False,
        max_active_runs=1,
        dagrun_timeout=timedelta(hours=2),
        default_args=DEFAULT_ARGS,
        tags=["newsetl", "crawl", source.name],
        doc_md=doc_for(source),
        params=params,
    )
    def generated():
        for kind, points in source.entry_points.items():
            if not points:
                continue
            crawler = crawl.override(task_id=f"crawl_{kind}")
            if source.workers > 1:
                frontiers = seed.override(task_id=f"seed_{kind}")(kind, source.name, source.workers)
                crawler.partial(spider=kind, source=source.name).expand(frontier=frontiers)
            else:
                crawler(spider=kind, source=source.name)

    return generated()


for _source in load_sources().values():
    globals()[dag_id_for(_source.name)] = crawl_dag(_source)
