"""indexes on ingestion times, for the daily reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 12:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_articles_first_fetched_at"), "articles", ["first_fetched_at"])
    op.create_index(op.f("ix_headlines_first_seen_at"), "headlines", ["first_seen_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_headlines_first_seen_at"), table_name="headlines")
    op.drop_index(op.f("ix_articles_first_fetched_at"), table_name="articles")
