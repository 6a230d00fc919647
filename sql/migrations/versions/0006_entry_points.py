"""entry points: headlines keep their entry id and the URL as published; entry_points state

``headlines.external_id`` (RSS ``<guid>``, Atom ``<id>``, JSON Feed ``id``) recognises an
entry whose URL changed; ``headlines.url_raw`` keeps the link as published beside the
normalised ``url``. ``entry_points`` holds one row per feed, sitemap or listing page: the
last HTTP status, the validators for conditional GET, fetch and new-entry times,
consecutive failures and the entries seen and new in the last fetch.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("headlines", sa.Column("url_raw", sa.Text()))
    op.add_column("headlines", sa.Column("external_id", sa.Text()))
    op.create_index(
        op.f("ix_headlines_source_external_id"),
        "headlines",
        ["source", "external_id"],
        postgresql_where=sa.text("external_id IS NOT NULL"),
    )
    op.create_table(
        "entry_points",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("last_status", sa.Integer()),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("first_fetched_at", TS, nullable=False),
        sa.Column("last_fetched_at", TS, nullable=False),
        sa.Column("last_success_at", TS),
        sa.Column("last_new_entry_at", TS),
        sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("entries_seen", sa.Integer()),
        sa.Column("entries_new", sa.Integer()),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_entry_points")),
    )
    op.create_index(op.f("ix_entry_points_source"), "entry_points", ["source"])


def downgrade() -> None:
    op.drop_index(op.f("ix_entry_points_source"), table_name="entry_points")
    op.drop_table("entry_points")
    op.drop_index(op.f("ix_headlines_source_external_id"), table_name="headlines")
    op.drop_column("headlines", "external_id")
    op.drop_column("headlines", "url_raw")
