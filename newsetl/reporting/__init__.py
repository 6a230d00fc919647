"""The daily reports, one folder each, and the data-quality checks (docs/REPORTS.md).

``sql/reports/<name>/`` is one report:

- ``README.md``: what its tables hold, their grain, who reads them;
- its build, which rewrites one day of its tables: ``build.sql``, or the module named by
  ``build:`` in ``metadata.yaml`` (its ``write_day(conn, day)`` runs the SQL files beside
  it); a folder with neither is read straight from the core tables (crawl health);
- ``queries/``: what ``newsetl report`` reads from it;
- ``checks/``: data-quality checks of its tables, if any.

``sql/checks/`` holds the checks of the core tables the crawls write (articles, headlines,
sources). Building them is ``newsetl.reporting.run``; showing them ``show`` and ``render``;
their tables ``schema``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlparse
import yaml
from sqlalchemy import TextClause, text

from newsetl import db

REPORTS_DIR = db.SQL_DIR / "reports"
CHECKS_DIR = db.SQL_DIR / "checks"


@dataclass(frozen=True)
class Report:
    name: str
    folder: Path
    module: str | None = None  # built in Python: the module whose write_day(conn, day) builds it

    @property
    def build_sql(self) -> Path | None:
        path = self.folder / "build.sql"
        return path if path.is_file() else None

    @property
    def built(self) -> bool:
        return self.module is not None or self.build_sql is not None


def read_report(folder: Path) -> Report:
    metadata = folder / "metadata.yaml"
    if not metadata.is_file():
        return Report(folder.name, folder)
    return Report(
        folder.name, folder, yaml.safe_load(metadata.read_text(encoding="utf-8"))["build"]
    )


def reports() -> list[Report]:
    """Every report folder, in name order: the order they are built in (none reads
    another's tables)."""
    return [read_report(folder) for folder in sorted(REPORTS_DIR.iterdir()) if folder.is_dir()]


def built_reports() -> list[Report]:
    """The reports that have tables to rewrite, in the order they are built."""
    return [report for report in reports() if report.built]


def find_report(name: str) -> Report:
    folder = REPORTS_DIR / name
    if not folder.is_dir():
        raise LookupError(f"no report {name!r}: no folder {folder}")
    return read_report(folder)


def check_files() -> list[Path]:
    """The core tables' checks, then each report's, by report name; a check's name is its
    file's stem, unique across them all."""
    return sorted(CHECKS_DIR.glob("*.sql")) + sorted(REPORTS_DIR.glob("*/checks/*.sql"))


def find_check(name: str) -> Path:
    """The file of the check ``name``."""
    (path,) = [path for path in check_files() if path.stem == name]
    return path


@cache
def query(report: str, name: str) -> TextClause:
    """The query ``sql/reports/<report>/queries/<name>.sql``."""
    (statement,) = statements(REPORTS_DIR / report / "queries" / f"{name}.sql")
    return statement


def statements(path: Path) -> list[TextClause]:
    """The statements of a SQL file, comments stripped, as SQLAlchemy ``text``: every SQL
    file of the reports and checks binds its parameters as ``:name``."""
    sql = sqlparse.format(path.read_text(encoding="utf-8"), strip_comments=True)
    return [text(statement) for statement in sqlparse.split(sql) if statement.strip()]
