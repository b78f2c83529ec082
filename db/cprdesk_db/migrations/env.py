"""Alembic environment: runs on the application's own engine, batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from cprdesk_db.models import SEARCH_PREFIX, Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001 - Alembic's hook signature
    # FTS5 virtual tables and their shadow tables are made by migrations and
    # are not part of the ORM metadata.
    if type_ == "table" and name and name.startswith(SEARCH_PREFIX):
        return False
    return True


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_object,
        )
        context.run_migrations()


run_migrations_online()
