"""Content tables built from the corpus, and the full-text search indexes.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corpus_build",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("source_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("built_at", sa.DateTime(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("text_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_build")),
    )
    op.create_table(
        "corpus_document",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_document")),
    )
    op.create_table(
        "corpus_document_text",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("provenance", sa.String(length=16), nullable=False),
        sa.Column("review_state", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["corpus_document.id"],
            name=op.f("fk_corpus_document_text_document_id_corpus_document"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "lang", name=op.f("pk_corpus_document_text")),
    )
    op.create_table(
        "corpus_item",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("parent_id", sa.String(length=128), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=True),
        sa.Column("ref", sa.String(length=64), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("child_count", sa.Integer(), nullable=False),
        sa.Column("attrs", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["corpus_document.id"],
            name=op.f("fk_corpus_item_document_id_corpus_document"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["corpus_item.id"],
            name=op.f("fk_corpus_item_parent_id_corpus_item"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_item")),
    )
    op.create_index("ix_corpus_item_document_position", "corpus_item", ["document_id", "position"])
    op.create_index("ix_corpus_item_parent_position", "corpus_item", ["parent_id", "position"])
    op.create_table(
        "corpus_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=128), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("provenance", sa.String(length=16), nullable=False),
        sa.Column("review_state", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("cells", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["corpus_item.id"],
            name=op.f("fk_corpus_text_item_id_corpus_item"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_text")),
        sa.UniqueConstraint("item_id", "lang", name=op.f("uq_corpus_text_item_id")),
    )
    # Two FTS5 indexes over folded text (see cprdesk_core.search): words, with
    # every CJK character a token of its own (any Chinese substring is a
    # phrase), and trigrams, for substrings inside words of three characters
    # or more. Their rowid is corpus_text.id.
    op.execute("CREATE VIRTUAL TABLE search_words USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')")
    op.execute("CREATE VIRTUAL TABLE search_trigram USING fts5(body, tokenize = 'trigram')")


def downgrade() -> None:
    op.execute("DROP TABLE search_trigram")
    op.execute("DROP TABLE search_words")
    op.drop_table("corpus_text")
    op.drop_index("ix_corpus_item_parent_position", table_name="corpus_item")
    op.drop_index("ix_corpus_item_document_position", table_name="corpus_item")
    op.drop_table("corpus_item")
    op.drop_table("corpus_document_text")
    op.drop_table("corpus_document")
    op.drop_table("corpus_build")
