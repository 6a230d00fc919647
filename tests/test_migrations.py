"""The Alembic migrations: up and down on an empty database, and in step with the metadata."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from newsetl import db
from newsetl.reporting.schema import metadata  # the core tables and the report tables


@pytest.fixture
def empty_database(pg_cluster):
    admin = create_engine(pg_cluster.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS migrations_test"))
        conn.execute(text("CREATE DATABASE migrations_test"))
    yield pg_cluster.url.rsplit("/", 1)[0] + "/migrations_test"
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE migrations_test WITH (FORCE)"))
    admin.dispose()


def tables(url):
    engine = create_engine(url)
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    return names


def test_upgrade_downgrade_upgrade_on_an_empty_database(empty_database):
    assert tables(empty_database) == set()
    db.migrate(empty_database)
    assert {
        "sources",
        "headlines",
        "headline_sightings",
        "articles",
        "article_revisions",
        "crawl_runs",
        "entry_points",
    } <= tables(empty_database)
    db.downgrade(empty_database, "base")
    assert tables(empty_database) == set()
    db.migrate(empty_database)
    engine = create_engine(empty_database)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []  # `alembic check`: the migrations build exactly the declared schema
