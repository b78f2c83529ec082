"""Packs: saved, ordered selections of items with a briefing cover.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_pack",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("meeting", sa.Text(), nullable=False),
        sa.Column("meeting_date", sa.String(length=10), nullable=True),
        sa.Column("cover_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_user_pack")),
        sa.UniqueConstraint("name", name=op.f("uq_user_pack_name")),
    )
    op.create_table(
        "user_pack_item",
        sa.Column("pack_uuid", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["pack_uuid"], ["user_pack.uuid"], name=op.f("fk_user_pack_item_pack_uuid_user_pack"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pack_uuid", "position", name=op.f("pk_user_pack_item")),
    )


def downgrade() -> None:
    op.drop_table("user_pack_item")
    op.drop_table("user_pack")
