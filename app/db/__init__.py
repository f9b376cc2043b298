"""Database layer: SQLAlchemy models, engine and Alembic migrations."""
