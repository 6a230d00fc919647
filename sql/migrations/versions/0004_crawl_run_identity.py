"""crawl runs: a crawler-made UUID, the owning process and a heartbeat; status 'abandoned'

A run is identified by a UUID the crawler makes before it reaches the database, so batches
spooled while the database was away (or spooled against a database that was later restored)
carry their run and record it when they are replayed. ``owner`` (host, boot id, PID and
process start time) and ``heartbeat_at`` let the next crawl mark a run whose process died as
``abandoned``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 02:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "status IN ('running', 'finished', 'partial', 'interrupted', 'failed')"
NEW = "status IN ('running', 'finished', 'partial', 'interrupted', 'failed', 'abandoned')"


def upgrade() -> None:
    op.add_column(
        "crawl_runs",
        sa.Column("uuid", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
    )
    op.add_column("crawl_runs", sa.Column("owner", sa.Text(), nullable=True))
    op.add_column("crawl_runs", sa.Column("heartbeat_at", sa.DateTime(timezone=True)))
    op.create_unique_constraint(op.f("uq_crawl_runs_uuid"), "crawl_runs", ["uuid"])
    op.create_index(
        op.f("ix_crawl_runs_status"),
        "crawl_runs",
        ["status"],
        postgresql_where=sa.text("status = 'running'"),
    )
    op.drop_constraint(op.f("ck_crawl_runs_status"), "crawl_runs", type_="check")
    op.create_check_constraint(op.f("ck_crawl_runs_status"), "crawl_runs", NEW)


def downgrade() -> None:
    op.execute("UPDATE crawl_runs SET status = 'failed' WHERE status = 'abandoned'")
    op.drop_constraint(op.f("ck_crawl_runs_status"), "crawl_runs", type_="check")
    op.create_check_constraint(op.f("ck_crawl_runs_status"), "crawl_runs", OLD)
    op.drop_index(op.f("ix_crawl_runs_status"), table_name="crawl_runs")
    op.drop_constraint(op.f("uq_crawl_runs_uuid"), "crawl_runs", type_="unique")
    op.drop_column("crawl_runs", "heartbeat_at")
    op.drop_column("crawl_runs", "owner")
    op.drop_column("crawl_runs", "uuid")
