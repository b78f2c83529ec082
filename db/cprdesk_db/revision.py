"""The newest migration's id, readable without importing Alembic (a test keeps it equal to Alembic's head)."""

HEAD_REVISION = "0004"
