"""articles: every declared headline, and where the date and the body came from

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "articles",
        sa.Column("title_variants", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")),
    )
    op.add_column("articles", sa.Column("published_at_source", sa.Text()))
    op.add_column("articles", sa.Column("extracted_by", sa.Text()))


def downgrade() -> None:
    op.drop_column("articles", "extracted_by")
    op.drop_column("articles", "published_at_source")
    op.drop_column("articles", "title_variants")
