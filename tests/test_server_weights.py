"""Migration 0006 (the proposer's weights) on a team plan's PostgreSQL schema: a format-5
plan is upgraded on open with the defaults, the weights are edited like any setting, and
the server's CHECK refuses a negative weight written behind the app's back."""

from __future__ import annotations

import psycopg
import pytest

from planner.commands import UndoHistory, UpdateRow
from planner.model import Plan
from planner.propose.weights import Weights
from planner.server.store import ServerStore

pytest_plugins = ("pg_fixtures",)
DATABASE = "plans"  # as in pg_fixtures (not imported here: pytest loads it as a plugin)


def test_a_format_5_team_plan_gets_the_weights_on_open(pg_cluster) -> None:  # noqa: ANN001
    from sqlalchemy import create_engine

    from planner import fileformat
    from planner.migrate import migrate_connection
    from planner.server.address import parse
    from planner.server.connection import connect
    from planner.server.schema import revision

    url = pg_cluster.url(DATABASE, plan="format-five")
    engine = create_engine("postgresql+psycopg://", creator=lambda: connect(parse(url)))
    with engine.begin() as db:  # a plan as a format-5 client made it
        db.exec_driver_sql('CREATE SCHEMA "format-five"')
        db.exec_driver_sql('SET LOCAL search_path TO "format-five"')
        migrate_connection(db, "0005")
        assert revision(db, "format-five") == "0005"
        db.exec_driver_sql("UPDATE plan SET title = 'Five on the server'")
    store = ServerStore.open(url)
    try:
        assert store.plan.title == "Five on the server"
        assert Weights.of(store.plan) == Weights.defaults()
        assert store.plan.weight_objective == 20.0
        UndoHistory(store).push(UpdateRow(Plan, 1, {"weight_department": 5.0}))
        assert Weights.of(store.plan).department == 5.0
    finally:
        store.close()
    with engine.connect() as db:
        assert revision(db, "format-five") == fileformat.HEAD_REVISION == "0006"
        stored = db.exec_driver_sql('SELECT weight_department FROM "format-five".plan')
        assert stored.scalar() == 5.0
    engine.dispose()
    with pytest.raises(psycopg.errors.CheckViolation, match="ck_plan_weight_must"):
        pg_cluster.sql('UPDATE "format-five".plan SET weight_must = -1', DATABASE)
