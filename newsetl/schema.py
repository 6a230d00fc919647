"""The database schema as SQLAlchemy metadata: what the Alembic migrations in
``sql/migrations`` build, and what ``alembic check`` compares them against.
Columns are documented in docs/DATA_FORMAT.md.
"""

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
TS = DateTime(timezone=True)
NOW = text("now()")

sources = Table(
    "sources",
    metadata,
    Column("name", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("homepage", Text, nullable=False),
    Column("language", Text),
    Column("country", Text),
    Column("config", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("updated_at", TS, nullable=False, server_default=NOW),
)

crawl_runs = Table(
    "crawl_runs",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("spider", Text, nullable=False),
    Column("source", Text),  # NULL: every source the spider knows
    Column("started_at", TS, nullable=False, server_default=NOW),
    Column("finished_at", TS),
    Column("status", Text, nullable=False, server_default="running"),
    Column("finish_reason", Text),
    Column("items_stored", Integer, nullable=False, server_default="0"),
    Column("items_dropped", Integer, nullable=False, server_default="0"),
    Column("items_spooled", Integer, nullable=False, server_default="0"),
    Column("stats", JSONB),
    # made by the crawler, so spooled batches carry their run (see newsetl/crawling/extensions.py)
    Column("uuid", Uuid, nullable=False, unique=True, server_default=text("gen_random_uuid()")),
    Column("owner", Text),  # host/boot id/PID/process start time of the crawl
    Column("heartbeat_at", TS),
    CheckConstraint(
        "status IN ('running', 'finished', 'partial', 'interrupted', 'failed', 'abandoned')",
        name="status",
    ),
    Index(None, "spider", "source", "started_at"),
    Index(None, "status", postgresql_where=text("status = 'running'")),
)

headlines = Table(
    "headlines",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("source", Text, ForeignKey("sources.name"), nullable=False),
    Column("url", Text, nullable=False),
    Column("title", Text),
    Column("summary", Text),
    Column("published_at", TS),
    Column("published_at_raw", Text),
    Column("first_seen_at", TS, nullable=False),
    Column("last_seen_at", TS, nullable=False),
    Column("url_raw", Text),  # as the entry point published it
    Column("external_id", Text),  # RSS <guid>, Atom <id>, JSON Feed id
    UniqueConstraint("source", "url"),
    Index(None, "source", "external_id", postgresql_where=text("external_id IS NOT NULL")),
    Index(None, "url"),
    Index(None, "source", "last_seen_at"),
    Index(None, "published_at"),
    Index(None, "first_seen_at"),
)

headline_sightings = Table(
    "headline_sightings",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column(
        "headline_id", BigInteger, ForeignKey("headlines.id", ondelete="CASCADE"), nullable=False
    ),
    Column("crawl_run_id", BigInteger, ForeignKey("crawl_runs.id", ondelete="SET NULL")),
    Column("entry_point", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("position", Integer),
    Column("seen_at", TS, nullable=False),
    UniqueConstraint(
        "headline_id", "crawl_run_id", "entry_point", postgresql_nulls_not_distinct=True
    ),
    Index(None, "seen_at"),
)

entry_points = Table(
    "entry_points",
    metadata,
    Column("url", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("kind", Text, nullable=False),  # "feed", "sitemap" or "listing"
    Column("last_status", Integer),  # HTTP status; NULL: no response (timeout, reset...)
    Column("etag", Text),
    Column("last_modified", Text),
    Column("first_fetched_at", TS, nullable=False),
    Column("last_fetched_at", TS, nullable=False),
    Column("last_success_at", TS),  # last 200 or 304
    Column("last_new_entry_at", TS),
    Column("consecutive_failures", Integer, nullable=False, server_default="0"),
    Column("entries_seen", Integer),  # in the last fetch that was parsed
    Column("entries_new", Integer),
    Index(None, "source"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),  # sha1 of canonical_url
    Column("canonical_url", Text, nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("source", Text, ForeignKey("sources.name"), nullable=False),
    Column("title", Text, nullable=False),
    # every headline the page declares: {"h1": ..., "jsonld": ..., "og:title": ...}
    Column("title_variants", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("description", Text),
    Column("authors", ARRAY(Text), nullable=False, server_default="{}"),
    Column("published_at", TS),
    Column("published_at_raw", Text),
    Column("published_at_source", Text),  # jsonld, meta:<name>, time[datetime], text, url...
    Column("modified_at", TS),
    Column("modified_at_raw", Text),
    Column("language", Text),
    Column("section", Text),
    Column("tags", ARRAY(Text), nullable=False, server_default="{}"),
    Column("body", Text, nullable=False),
    Column("extracted_by", Text),  # trafilatura, readability, jsonld, selector
    Column("image_url", Text),
    Column("word_count", Integer, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
    Column("first_fetched_at", TS, nullable=False),
    Column("last_fetched_at", TS, nullable=False),
    Column("crawl_run_id", BigInteger, ForeignKey("crawl_runs.id", ondelete="SET NULL")),
    Index(None, "source", "published_at"),
    Index(None, "url"),
    Index(None, "published_at"),
    Index(None, "first_fetched_at"),
)

article_revisions = Table(
    "article_revisions",
    metadata,
    Column(
        "article_id",
        Text,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("revision", Integer, primary_key=True),
    Column("fetched_at", TS, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("description", Text),
    Column("authors", ARRAY(Text), nullable=False, server_default="{}"),
    Column("modified_at", TS),
    Column("body", Text, nullable=False),
    Column("word_count", Integer, nullable=False),
)
