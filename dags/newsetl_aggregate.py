"""The aggregation DAG: rewrites the daily reports for each day whose data changed, then runs
the data-quality checks.

One task per report folder ``sql/reports/<name>/`` that has a build, one per check; each
calls the runner the CLI uses, ``newsetl.reporting.run``. Import lists those folders and
files; nothing else.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from airflow.sdk import (
    AssetOrTimeSchedule,
    CronTriggerTimetable,
    Param,
    chain,
    dag,
    get_current_context,
    task,
)

from newsetl.airflow_common import ARTICLES, CONN_ID, START_DATE
from newsetl.paths import ROOT
from newsetl.reporting import built_reports, check_files

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
2. One task per report folder of `sql/reports/` that has a build, in name order
   (`daily_source_stats`, `stories`, `trending_terms`): it rewrites those days one after the
   other, oldest first (a story continued from the day before keeps that day's id), each in
   a transaction of its own, with `newsetl.reporting.run.build`. Each day is rewritten
   whole, so a rerun gives the same rows.
3. One task per check (`sql/checks/`, and a report folder's `checks/`), for each of those
   days, with `now` = the end of the run's data interval; a check that returns rows fails
   the run and lists them.

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


def doc_for(path: Path) -> str:
    """A report task's doc: its folder and README; a check task's: its file, whose header
    says what it checks."""
    if path.is_dir():
        return f"Rewrites the days of `{path.relative_to(ROOT)}/` (see its README.md)."
    return f"Runs `{path.relative_to(ROOT)}` (its header says what it checks)."


def database_url() -> str:
    """The ``newsetl_db`` connection as a SQLAlchemy URL (psycopg 3)."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook
    from sqlalchemy import make_url

    uri = PostgresHook(postgres_conn_id=CONN_ID).get_uri()
    return make_url(uri).set(drivername="postgresql+psycopg").render_as_string(False)


@task
def days_to_refresh() -> list[str]:
    """The days to recompute (YYYY-MM-DD)."""
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
    return [d.isoformat() for d in days]


@task
def build_report(report: str, days: list[str]) -> None:
    """Rewrite the report for each day, oldest first (``newsetl.reporting.run.build``)."""
    from newsetl.reporting import run

    seconds = run.build(database_url(), report, [date.fromisoformat(d) for d in days])
    for day, took in seconds.items():
        print(f"{report}: {day} rewritten in {took:.2f} s")


@task
def run_check(check: str, days: list[str]) -> None:
    """Run the check for each day (once when it takes no day); fail when it returns rows,
    naming them."""
    from airflow.sdk.exceptions import AirflowFailException

    from newsetl.reporting import run

    now = reference_time(get_current_context())
    rows = run.run_check(database_url(), check, [date.fromisoformat(d) for d in days], now)
    if rows:
        raise AirflowFailException(run.format_failures({check: rows}))
    print(f"check {check!r} passed for", ", ".join(days), f"(now = {now})")


@dag(
    dag_id=DAG_ID,
    description="Daily reports and data-quality checks, after each crawl and daily",
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("30 0 * * *", timezone="UTC"), assets=[ARTICLES]
    ),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
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
    reports = [
        build_report.override(task_id=report.name, doc_md=doc_for(report.folder))(report.name, days)
        for report in built_reports()
    ]
    checks = [
        run_check.override(task_id=f"check_{path.stem}", doc_md=doc_for(path))(path.stem, days)
        for path in check_files()
    ]
    chain(days, *reports, *([checks] if checks else []))


aggregate_reports()
