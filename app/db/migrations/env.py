"""Alembic environment: the engine comes from the caller (app.db.engine.alembic_config)."""

from alembic import context

from app.db.models import Base

config = context.config
target_metadata = Base.metadata


def _include_name(name, type_, parent_names) -> bool:
    # Leave tables outside the ORM metadata (the FTS5 search index) out of autogenerate.
    from app.db.models.reception import include_name

    return include_name(name, type_, parent_names)


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=_include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
