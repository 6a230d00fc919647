"""The report tables (built one day at a time by the report folders of ``sql/reports``) as
SQLAlchemy metadata, on the same ``metadata`` as ``newsetl.schema`` so that ``alembic check``
compares them too. Migration 0002 creates them, and the ``report_*`` views over them that are the
stable interface (docs/REPORTS.md). Derived data: no foreign keys, a day is rewritten whole.
"""

from sqlalchemy import (
    ARRAY,
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    Double,
    Index,
    Integer,
    Table,
    Text,
)

from newsetl.schema import TS, metadata

daily_source_stats = Table(
    "daily_source_stats",
    metadata,
    Column("day", Date, primary_key=True),
    Column("source", Text, primary_key=True),
    Column("headlines_seen", Integer, nullable=False),
    Column("articles_stored", Integer, nullable=False),
    Column("words", BigInteger, nullable=False),
    Column("median_delay_minutes", Double),
    Column("p90_delay_minutes", Double),
    Column("missing_author_share", Double),
    Column("missing_published_share", Double),
    Column("missing_body_share", Double),
)

daily_stories = Table(
    "daily_stories",
    metadata,
    Column("day", Date, primary_key=True),
    Column("story_id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("sources", ARRAY(Text), nullable=False),
    Column("source_count", Integer, nullable=False),
    Column("member_count", Integer, nullable=False),
    Column("distinct_reports", Integer, nullable=False),
    Column("first_seen_at", TS, nullable=False),
    Column("last_seen_at", TS, nullable=False),
)

story_members = Table(
    "story_members",
    metadata,
    Column("day", Date, primary_key=True),
    Column("member_id", Text, primary_key=True),
    Column("story_id", Text, nullable=False),
    Column("article_id", Text),
    Column("headline_id", BigInteger),
    Column("source", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("first_seen_at", TS, nullable=False),
    Column("body_hash", Text),
    CheckConstraint("(article_id IS NULL) <> (headline_id IS NULL)", name="one_member"),
    Index(None, "day", "story_id"),
)

daily_trending_terms = Table(
    "daily_trending_terms",
    metadata,
    Column("day", Date, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("term", Text, primary_key=True),
    Column("rank", Integer, nullable=False),
    Column("docs", Integer, nullable=False),
    Column("source_count", Integer, nullable=False),
    Column("prev_7_avg", Double, nullable=False),
    Column("score", Double, nullable=False),
    CheckConstraint("kind IN ('word', 'bigram', 'name')", name="kind"),
)
