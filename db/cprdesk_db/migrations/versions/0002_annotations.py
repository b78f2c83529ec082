"""User tables for annotations: profile, annotations, their revisions, autosaved drafts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("delegation", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_profile")),
    )
    op.create_table(
        "user_annotation",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=128), nullable=False),
        sa.Column("quote_lang", sa.String(length=8), nullable=True),
        sa.Column("quote_exact", sa.Text(), nullable=True),
        sa.Column("quote_prefix", sa.Text(), nullable=True),
        sa.Column("quote_suffix", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("stance", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("follow_up_date", sa.String(length=10), nullable=True),
        sa.Column("include_in_briefing", sa.Boolean(), nullable=False),
        sa.Column("author_name", sa.Text(), nullable=False),
        sa.Column("author_delegation", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("head_revision", sa.String(length=36), nullable=False),
        sa.Column("conflict_of", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_user_annotation")),
    )
    op.create_index("ix_user_annotation_item", "user_annotation", ["item_id"])
    op.create_table(
        "user_annotation_revision",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("annotation_uuid", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("author_name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotation_uuid"], ["user_annotation.uuid"],
            name=op.f("fk_user_annotation_revision_annotation_uuid_user_annotation"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_annotation_revision")),
    )
    op.create_index(
        "ix_user_annotation_revision_annotation", "user_annotation_revision", ["annotation_uuid", "number"]
    )
    op.create_table(
        "user_draft",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("item_id", sa.String(length=128), nullable=False),
        sa.Column("annotation_uuid", sa.String(length=36), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_user_draft")),
    )
    # The user's own notes are searchable beside the corpus (see cprdesk_core.search).
    op.execute("CREATE VIRTUAL TABLE search_notes USING fts5(uuid UNINDEXED, body, tokenize = 'trigram')")


def downgrade() -> None:
    op.execute("DROP TABLE search_notes")
    op.drop_table("user_draft")
    op.drop_index("ix_user_annotation_revision_annotation", table_name="user_annotation_revision")
    op.drop_table("user_annotation_revision")
    op.drop_index("ix_user_annotation_item", table_name="user_annotation")
    op.drop_table("user_annotation")
    op.drop_table("user_profile")
