"""CPR Desk database: typed SQLAlchemy models, engine and sessions, Alembic migrations."""
