"""Daily reports and data-quality checks, run from the SQL files in ``sql/reports`` and
``sql/checks``, and the reports computed in Python (``PYTHON_REPORTS``) (docs/REPORTS.md).

The files use psycopg's pyformat parameters (``%(day)s``, ``%(now)s``) and may hold several
statements; they are split as Airflow's ``SQLExecuteQueryOperator(split_statements=True)``
splits them (comments stripped, then ``sqlparse.split``), so the DAGs and this module run
exactly the same statements.
"""

from __future__ import annotations

import importlib
import time
from datetime import UTC, date, datetime
from pathlib import Path

import sqlparse

from newsetl import db

REPORTS_DIR = db.SQL_DIR / "reports"
CHECKS_DIR = db.SQL_DIR / "checks"
# Reports computed in Python: name (it sorts among the SQL files' names: the order they run
# in) -> the module whose ``write_day(conn, day)`` rewrites that day's rows (and
# ``refresh(url, day)``, the same in a transaction of its own).
PYTHON_REPORTS = {"20_stories": "newsetl.stories", "30_trending_terms": "newsetl.trending"}


class CheckFailed(Exception):
    """Data-quality checks returned offending rows; the message names them."""

    def __init__(self, failures: dict[str, list[dict]]):
        self.failures = failures
        super().__init__(format_failures(failures))


def statements(path: Path) -> list[str]:
    """The statements of a SQL file, split the way Airflow's common-sql hook splits them."""
    text = sqlparse.format(path.read_text(encoding="utf-8"), strip_comments=True)
    return [s for s in sqlparse.split(text) if s.strip()]


def report_files() -> list[Path]:
    return sorted(REPORTS_DIR.glob("*.sql"))


def check_files() -> list[Path]:
    return sorted(CHECKS_DIR.glob("*.sql"))


def report_steps() -> list[tuple[str, Path | str]]:
    """The reports in the order they run, by name: (name, SQL file path) and (name, module
    of a Python report)."""
    steps: dict[str, Path | str] = {path.stem: path for path in report_files()}
    steps |= PYTHON_REPORTS
    return sorted(steps.items())


def refresh(url: str, day: date) -> dict[str, float]:
    """Rewrite every report's rows for ``day`` (UTC), in ``report_steps`` order, one
    transaction per report (a Python report's ``write_day`` on that transaction's
    connection); returns the seconds each report took, by name."""
    seconds = {}
    engine = db.engine(url)
    try:
        for name, step in report_steps():
            started = time.perf_counter()
            with engine.begin() as conn:
                if isinstance(step, str):
                    importlib.import_module(step).write_day(conn, day)
                else:
                    for statement in statements(step):
                        conn.exec_driver_sql(statement, {"day": day})
            seconds[name] = time.perf_counter() - started
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
