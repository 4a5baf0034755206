"""Alembic environment: migrations always run on a connection handed in by planner.migrate."""

from alembic import context

connection = context.config.attributes["connection"]
# render_as_batch: SQLite can't ALTER most things; batch mode rebuilds tables instead.
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
