"""report tables and their report_* views

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 12:00:00.000000

Tables keyed by day, rewritten one day at a time by sql/reports/*.sql; the report_* views
are the stable interface (docs/REPORTS.md). The stories report needs pg_trgm (a trusted
extension: the database owner may create it). The downgrade keeps pg_trgm, which other
objects may use.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = {
    "report_daily_source_stats": """
        SELECT day, source, headlines_seen, articles_stored, words, median_delay_minutes,
               p90_delay_minutes, missing_author_share, missing_published_share,
               missing_body_share
        FROM daily_source_stats""",
    "report_daily_stories": """
        SELECT day, story_id, title, sources, source_count, member_count, distinct_reports,
               first_seen_at, last_seen_at
        FROM daily_stories""",
    "report_story_members": """
        SELECT day, story_id, member_id, article_id, headline_id, source, title, url,
               first_seen_at, body_hash
        FROM story_members""",
    "report_daily_trending_terms": """
        SELECT day, kind, term, rank, docs, source_count, prev_7_avg, score
        FROM daily_trending_terms""",
}


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "daily_source_stats",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("headlines_seen", sa.Integer(), nullable=False),
        sa.Column("articles_stored", sa.Integer(), nullable=False),
        sa.Column("words", sa.BigInteger(), nullable=False),
        sa.Column("median_delay_minutes", sa.Double(), nullable=True),
        sa.Column("p90_delay_minutes", sa.Double(), nullable=True),
        sa.Column("missing_author_share", sa.Double(), nullable=True),
        sa.Column("missing_published_share", sa.Double(), nullable=True),
        sa.Column("missing_body_share", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("day", "source", name=op.f("pk_daily_source_stats")),
    )
    op.create_table(
        "daily_stories",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("story_id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("sources", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("distinct_reports", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day", "story_id", name=op.f("pk_daily_stories")),
    )
    op.create_table(
        "story_members",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=True),
        sa.Column("headline_id", sa.BigInteger(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body_hash", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(article_id IS NULL) <> (headline_id IS NULL)",
            name=op.f("ck_story_members_one_member"),
        ),
        sa.PrimaryKeyConstraint("day", "member_id", name=op.f("pk_story_members")),
    )
    op.create_index(
        op.f("ix_story_members_day_story_id"), "story_members", ["day", "story_id"], unique=False
    )
    op.create_table(
        "daily_trending_terms",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("docs", sa.Integer(), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("prev_7_avg", sa.Double(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('word', 'bigram', 'name')", name=op.f("ck_daily_trending_terms_kind")
        ),
        sa.PrimaryKeyConstraint("day", "kind", "term", name=op.f("pk_daily_trending_terms")),
    )
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("daily_trending_terms")
    op.drop_index(op.f("ix_story_members_day_story_id"), table_name="story_members")
    op.drop_table("story_members")
    op.drop_table("daily_stories")
    op.drop_table("daily_source_stats")
