"""The aggregation DAG: rewrites the daily reports for each day whose data changed, then runs
the data-quality checks.

Reports are the files ``sql/reports/NN_<name>.sql`` (each rewrites only the day in
``%(day)s``) and the Python reports of ``newsetl.reports.PYTHON_REPORTS`` (the stories), run
in name order; checks are ``sql/checks/<name>.sql`` (each a SELECT of the offending rows,
with ``%(day)s`` and/or ``%(now)s``). Import lists those files; nothing else.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator
from airflow.sdk import (
    AssetOrTimeSchedule,
    CronTriggerTimetable,
    Param,
    chain,
    dag,
    get_current_context,
    task,
)

from newsetl.airflow_common import (
    ARTICLES,
    CONN_ID,
    START_DATE,
)
from newsetl.db import SQL_DIR
from newsetl.reporting import CHECKS_DIR, built_reports, check_files

DAG_ID = "aggregate_reports"
MAX_CHANGED_DAYS = 31  # older days touched by a crawl: backfill them with start/end
MAX_RANGE_DAYS = 366
DOC = f"""
# Aggregate the daily reports

Runs daily at 00:30 UTC and whenever a crawl DAG updates the articles Asset
(`{ARTICLES.uri}`).

1. `days_to_refresh`: today and yesterday (UTC) of the run, plus each day (at most
   {MAX_CHANGED_DAYS} back) on which the triggering crawls ran (the reports file rows by
   fetch and sighting time); or, when the run is triggered with `start` and `end`
   (YYYY-MM-DD, inclusive), exactly those days: a backfill.
2. One task per report, in name order: each file in `sql/reports/`, mapped over those days,
   and `stories` (Python: `newsetl.stories`), which rewrites the days one after the other,
   oldest first (a story continued from the day before keeps that day's id). Each rewrites
   only its day, so a rerun gives the same rows.
3. One task per check in `sql/checks/`, for each of those days, with `now` = the end of the
   run's data interval; a check that returns rows fails the run and lists them.

Connection: `{CONN_ID}`.
"""


def day_range(start: date, end: date) -> list[date]:
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ValueError(f"{start}..{end} is longer than {MAX_RANGE_DAYS} days: split it")
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def default_days(run_day: date, changed: set[date]) -> list[date]:
    """Today and yesterday of the run, plus the changed days in the last MAX_CHANGED_DAYS."""
    oldest = run_day - timedelta(days=MAX_CHANGED_DAYS)
    recent = {d for d in changed if oldest <= d <= run_day}
    return sorted({run_day, run_day - timedelta(days=1)} | recent)


def changed_days(triggering_events) -> set[date]:
    """The UTC days the triggering crawls ran on (their Asset events carry them)."""
    days = set()
    for events in triggering_events.values():
        for event in events:
            extra = event.extra if isinstance(event.extra, dict) else {}
            days |= {date.fromisoformat(d) for d in extra.get("days", [])}
            days.add(event.timestamp.astimezone(UTC).date())
    return days


def reference_time(context) -> datetime:
    """The end of the run's data interval (its run_after when it has none)."""
    end = context.get("data_interval_end") or context["dag_run"].run_after
    return end.astimezone(UTC)


@task
def days_to_refresh() -> list[dict]:
    """The days to recompute, as the ``parameters`` of the report tasks."""
    context = get_current_context()
    params = context["params"]
    if params.get("start") or params.get("end"):
        start = date.fromisoformat(params.get("start") or params["end"])
        end = date.fromisoformat(params.get("end") or params["start"])
        days = day_range(start, end)
    else:
        changed = changed_days(context["triggering_asset_events"])
        days = default_days(reference_time(context).date(), changed)
        if skipped := sorted(d for d in changed if d not in days):
            print(f"not refreshed (older than {MAX_CHANGED_DAYS} days): {skipped}: backfill them")
    print("refreshing", ", ".join(map(str, days)))
    return [{"day": d.isoformat()} for d in days]


@task
def run_report(module: str, days: list[dict]) -> None:
    """Rewrite each day, oldest first, with ``module.refresh(url, day)`` (a Python report)."""
    import importlib

    from airflow.providers.postgres.hooks.postgres import PostgresHook
    from sqlalchemy import make_url

    uri = PostgresHook(postgres_conn_id=CONN_ID).get_uri()
    url = make_url(uri).set(drivername="postgresql+psycopg").render_as_string(False)
    refresh = importlib.import_module(module).refresh
    for day in sorted(date.fromisoformat(d["day"]) for d in days):
        print(f"{module}: {day}: {refresh(url, day)}")


@task
def run_check(check: str, days: list[dict]) -> None:
    """Run ``sql/checks/<check>.sql`` for each day (once when it takes no day); fail when
    it returns rows, naming them."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook
    from airflow.sdk.exceptions import AirflowFailException

    from newsetl.reporting.run import format_failures

    sql = (CHECKS_DIR / f"{check}.sql").read_text(encoding="utf-8")
    now = reference_time(get_current_context())
    runs = [{"day": d["day"]} for d in days] if "%(day)s" in sql else [{}]
    if "%(now)s" in sql:
        runs = [run | {"now": now} for run in runs]
    offending: dict[tuple, dict] = {}  # in order, without repeats across days
    conn = PostgresHook(postgres_conn_id=CONN_ID).get_conn()
    try:
        with conn.cursor() as cur:
            for parameters in runs:
                cur.execute(sql, parameters)
                columns = [d[0] for d in cur.description]
                for row in cur.fetchall():
                    offending.setdefault(tuple(row), dict(zip(columns, row, strict=True)))
    finally:
        conn.close()
    if offending:
        raise AirflowFailException(format_failures({check: list(offending.values())}))
    print(f"check {check!r} passed for", ", ".join(r.get("day", str(now)) for r in runs))


@dag(
    dag_id=DAG_ID,
    description="Daily reports and data-quality checks, after each crawl and daily",
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("30 0 * * *", timezone="UTC"), assets=[ARTICLES]
    ),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    template_searchpath=[str(SQL_DIR)],
    default_args={"owner": "newsetl", "retries": 1, "retry_delay": timedelta(minutes=2)},
    tags=["newsetl", "reports"],
    doc_md=DOC,
    params={
        "start": Param(
            None, type=["null", "string"], format="date", description="Backfill: first day"
        ),
        "end": Param(
            None, type=["null", "string"], format="date", description="Backfill: last day"
        ),
    },
)
def aggregate_reports():
    days = days_to_refresh()
    steps = [days]
    for report in built_reports():
        if report.module:
            doc = f"`{report.module}.refresh`"
            steps.append(run_report.override(task_id=report.name, doc_md=doc)(report.module, days))
            continue
        steps.append(
            SQLExecuteQueryOperator.partial(
                task_id=report.name,
                conn_id=CONN_ID,
                sql=f"reports/{report.name}/build.sql",
                split_statements=True,
                do_xcom_push=False,
                doc_md=f"Rewrites one day of `sql/reports/{report.name}/build.sql`.",
            ).expand(parameters=days)
        )
    checks = [
        run_check.override(task_id=f"check_{path.stem}")(path.stem, days) for path in check_files()
    ]
    chain(*steps, *([checks] if checks else []))


aggregate_reports()
