"""The one runner of the daily reports and the data-quality checks (``newsetl.reporting``
finds them): ``newsetl report --refresh``, ``make demo`` and the aggregation DAG all build
and check through it.

The files use psycopg's pyformat parameters (``%(day)s``, ``%(now)s``) and may hold several
statements; they are split as Airflow's ``SQLExecuteQueryOperator(split_statements=True)``
splits them (comments stripped, then ``sqlparse.split``), so the DAGs and this module run
exactly the same statements.
"""

from __future__ import annotations

import importlib
import time
from datetime import UTC, date, datetime

from newsetl import db
from newsetl.reporting import Report, built_reports, check_files, statements


class CheckFailed(Exception):
    """Data-quality checks returned offending rows; the message names them."""

    def __init__(self, failures: dict[str, list[dict]]):
        self.failures = failures
        super().__init__(format_failures(failures))


def write_day(conn, report: Report, day: date) -> None:
    """Rewrite ``report``'s rows for the UTC ``day`` on ``conn``: its module's
    ``write_day``, or the statements of its ``build.sql``."""
    if report.module:
        importlib.import_module(report.module).write_day(conn, day)
        return
    for statement in statements(report.build_sql):
        conn.exec_driver_sql(statement, {"day": day})


def refresh(url: str, day: date) -> dict[str, float]:
    """Rewrite every report's rows for ``day`` (UTC), in build order, one transaction per
    report; returns the seconds each report took, by name."""
    seconds = {}
    engine = db.engine(url)
    try:
        for report in built_reports():
            started = time.perf_counter()
            with engine.begin() as conn:
                write_day(conn, report, day)
            seconds[report.name] = time.perf_counter() - started
    finally:
        engine.dispose()
    return seconds


def run_checks(url: str, day: date, now: datetime) -> dict[str, list[dict]]:
    """Every check's offending rows by check name (an empty list: the check passed). Each
    check takes the parameters it names among ``day`` and ``now``."""
    results = {}
    engine = db.engine(url)
    try:
        with engine.connect() as conn:
            for path in check_files():
                (statement,) = statements(path)
                rows = conn.exec_driver_sql(statement, {"day": day, "now": now}).mappings()
                results[path.stem] = [dict(row) for row in rows]
            conn.rollback()
    finally:
        engine.dispose()
    return results


def check(url: str, day: date, now: datetime) -> None:
    """Run the checks; raise CheckFailed naming the offending rows if any check failed."""
    failures = {name: rows for name, rows in run_checks(url, day, now).items() if rows}
    if failures:
        raise CheckFailed(failures)


def format_failures(failures: dict[str, list[dict]], limit: int = 20) -> str:
    """A readable message: each failed check, its number of rows, and its first rows."""
    failed = {name: rows for name, rows in failures.items() if rows}
    if not failed:
        return "all checks passed"
    lines = [f"{len(failed)} data-quality check(s) failed:"]
    for name, rows in failed.items():
        lines.append(f"- {name}: {len(rows)} offending row(s)")
        for row in rows[:limit]:
            lines.append("    " + ", ".join(f"{key}={show(value)}" for key, value in row.items()))
        if len(rows) > limit:
            lines.append(f"    ... and {len(rows) - limit} more")
    return "\n".join(lines)


def show(value) -> str:
    """A value for a message: times in UTC, NULL as NULL."""
    if value is None:
        return "NULL"
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat(sep=" ")
    return str(value)
