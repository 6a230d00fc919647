"""The one runner of the daily reports and the data-quality checks (``newsetl.reporting``
finds them): ``newsetl report --refresh``, ``make demo`` and the aggregation DAG all build
and check through it.

A report is rewritten one UTC day at a time, each day in a transaction of its own; a check
is a SELECT of the offending rows, run for each day when it takes ``day``, with ``now``.
The files bind their parameters SQLAlchemy's way (``:day``, ``:now``); a build file may hold
several statements (``newsetl.reporting.statements`` splits them).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from newsetl import db
from newsetl.reporting import (
    Report,
    built_reports,
    check_files,
    find_check,
    find_report,
    statements,
)


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
        conn.execute(statement, {"day": day})


def build(url: str, name: str, days: Iterable[date]) -> dict[date, float]:
    """Rewrite the report ``name`` for each of ``days`` (UTC), oldest first (a story that
    continues from the day before keeps that day's id), one transaction a day; returns the
    seconds each day took."""
    report = find_report(name)
    seconds = {}
    engine = db.engine(url)
    try:
        for day in sorted(days):
            started = time.perf_counter()
            with engine.begin() as conn:
                write_day(conn, report, day)
            seconds[day] = time.perf_counter() - started
    finally:
        engine.dispose()
    return seconds


def refresh(url: str, day: date) -> dict[str, float]:
    """Rewrite every report's rows for ``day`` (UTC), in build order, one transaction per
    report; returns the seconds each report took, by name."""
    return {report.name: build(url, report.name, [day])[day] for report in built_reports()}


def offending_rows(conn, path: Path, days: Iterable[date], now: datetime) -> list[dict]:
    """The rows check ``path`` returns for each of ``days`` (once when it takes no day), in
    order, without repeats; it takes the parameters it names among ``day`` and ``now``."""
    (statement,) = statements(path)
    runs = [{"day": day} for day in days] if "day" in statement.compile().params else [{}]
    offending: dict[tuple, dict] = {}
    for parameters in runs:
        for row in conn.execute(statement, parameters | {"now": now}).mappings():
            offending.setdefault(tuple(row.values()), dict(row))
    return list(offending.values())


def run_check(url: str, name: str, days: Iterable[date], now: datetime) -> list[dict]:
    """The offending rows of the check ``name`` over ``days`` (see ``offending_rows``)."""
    engine = db.engine(url)
    try:
        with engine.connect() as conn:
            return offending_rows(conn, find_check(name), days, now)
    finally:
        engine.dispose()


def run_checks(url: str, day: date, now: datetime) -> dict[str, list[dict]]:
    """Every check's offending rows for ``day`` by check name (an empty list: the check
    passed)."""
    engine = db.engine(url)
    try:
        with engine.connect() as conn:
            return {path.stem: offending_rows(conn, path, [day], now) for path in check_files()}
    finally:
        engine.dispose()


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
