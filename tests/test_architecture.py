"""The rules of docs/ARCHITECTURE.md that imports can show: extraction imports neither Scrapy
nor the database, spiders and pipelines import no Airflow (and spiders no SQLAlchemy), DAGs
import no spiders, and SQL statements live in sql/, not in Python strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newsetl.paths import ROOT

EXTRACTION = [
    ROOT / "newsetl" / "extract.py",
    ROOT / "newsetl" / "normalize.py",
    *sorted((ROOT / "newsetl" / "extraction").glob("*.py")),
]
RULES = [  # (files, forbidden top-level packages)
    (EXTRACTION, {"scrapy", "twisted", "sqlalchemy", "psycopg", "airflow"}),
    (sorted((ROOT / "spiders").glob("*.py")), {"airflow", "sqlalchemy", "psycopg"}),
    (sorted((ROOT / "pipelines").glob("*.py")), {"airflow"}),
    (sorted((ROOT / "newsetl" / "crawling").rglob("*.py")), {"airflow"}),
    (sorted((ROOT / "dags").glob("*.py")), {"spiders", "pipelines", "scrapy"}),
]
# Python code in the core that could hold SQL: everything but migrations and tests.
SQL_IN_STRING = re.compile(
    r"^\s*(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\s", re.I | re.S
)


def imported(path: Path) -> set[str]:
    """Top-level packages ``path`` imports, at any depth of the module (lazy imports too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _modules(path: Path) -> set[str]:
    """Dotted modules ``path`` imports from this repository."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
    return modules


@pytest.mark.parametrize(
    "path, forbidden",
    [(path, forbidden) for paths, forbidden in RULES for path in paths],
    ids=lambda value: str(value.relative_to(ROOT)) if isinstance(value, Path) else "",
)
def test_imports_keep_to_the_layers(path, forbidden):
    assert not imported(path) & forbidden


def test_extraction_reaches_no_crawler_or_database_through_the_core():
    """Nor indirectly, through a core module that does."""
    core = {"newsetl.db", "newsetl.store", "newsetl.spool", "newsetl.crawls"}
    for path in EXTRACTION:
        reached = {m for m in _modules(path) if m.startswith(("newsetl.crawling", *core))}
        assert not reached, path


def test_sql_lives_in_sql_files():
    python = [
        p
        for p in (ROOT / "newsetl").rglob("*.py")
        if "migrations" not in p.parts and "__pycache__" not in p.parts
    ]
    python += [*(ROOT / "dags").glob("*.py"), *(ROOT / "pipelines").glob("*.py")]
    offenders = []
    for path in python:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if SQL_IN_STRING.match(node.value):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_rules_would_catch_a_breach(tmp_path):
    breach = tmp_path / "breach.py"
    breach.write_text("def f():\n    import scrapy.http\n    return 'SELECT 1 FROM t'\n")
    assert "scrapy" in imported(breach)
    assert SQL_IN_STRING.match("SELECT id FROM articles WHERE x = 1")
