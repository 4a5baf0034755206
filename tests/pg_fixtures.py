"""Fixtures for plans on a PostgreSQL server (issue 15): one throwaway cluster per test run
(tests/pg_cluster.py), plans made by the real migrations, and `any_store`, a blank plan on
each backend, so the store, command and warnings tests run against both.

Use with `pytest_plugins = ("pg_fixtures",)` in a test module.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from pg_cluster import Cluster, find_bin_dir

from planner.model import MODELS, Plan

DATABASE = "plans"
WRITERS = ("kari", "ola")
READER = "reader"
SECRET = "secret"  # the one role that must give a password (tests/pg_cluster.py's pg_hba)
_TABLES = [m.__tablename__ for m in MODELS] + ["change_log", "row_version"]
_names = itertools.count(1)
_running: Cluster | None = None


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL is not installed (initdb/pg_ctl not found); .ci/run installs Debian's "
            "'postgresql' package, or set PG_BIN to its bin folder."
        )
    global _running
    if _running is not None and not _running._destroyed:  # never two clusters in a process
        yield _running
        return
    cluster = _running = Cluster(bin_dir)
    try:
        cluster.start()
        cluster.sql(f"CREATE DATABASE {DATABASE}")
        for role in (*WRITERS, READER):
            cluster.sql(f"CREATE ROLE {role} LOGIN")
        cluster.sql(f"CREATE ROLE {SECRET} LOGIN PASSWORD 'open sesame'")
        # Writers may make plans (publish); the reader may only look.
        cluster.sql(f"GRANT CREATE ON DATABASE {DATABASE} TO {', '.join(WRITERS)}")
        yield cluster
    finally:
        cluster.destroy()


def new_plan(cluster: Cluster, prefix: str = "t") -> str:
    """A new, blank plan made by the migrations, writable by the writers and readable by the
    reader (the two GRANTs of the README, and the sequences for the writers). Its URL."""
    from planner.server.store import ServerStore

    name = f"{prefix}-{next(_names)}"
    store = ServerStore.create(cluster.url(DATABASE, plan=name))
    store.close()
    grant(cluster, name)
    return cluster.url(DATABASE, plan=name)


def grant(cluster: Cluster, plan: str) -> None:
    quoted = f'"{plan}"'
    for sql in (
        f"GRANT USAGE ON SCHEMA {quoted} TO {', '.join((*WRITERS, READER, SECRET))}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {quoted} TO {READER}, {SECRET}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {quoted} "
        f"TO {', '.join(WRITERS)}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {quoted} TO {', '.join(WRITERS)}",
    ):
        cluster.sql(sql, DATABASE)


def reset_plan(cluster: Cluster, plan: str, source: str | None = None) -> None:
    """Make `plan` blank again (as a fresh file: one plan row, ids from 1), or a copy of the
    plan `source` — much faster than making a new schema for every test."""
    import psycopg

    quoted = f'"{plan}"'
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres",
                         dbname=DATABASE, autocommit=True) as conn:
        tables = ", ".join(f"{quoted}.{t}" for t in _TABLES)
        conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        if source is None:
            return _blank_plan_row(cluster, plan)
        for table in _TABLES:
            conn.execute(f'INSERT INTO {quoted}.{table} SELECT * FROM "{source}".{table}')
            if table != "row_version":
                key = "seq" if table == "change_log" else "id"
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{quoted}.{table}', '{key}'), "
                    f"coalesce((SELECT max({key}) FROM {quoted}.{table}), 0) + 1, false)"
                )


def copy_of_sample(cluster: Cluster, sample_url: str, test_url: str) -> str:
    """Make the shared test plan (`pg_test_plan`) a fresh copy of the sample plan
    (`pg_sample_plan`); returns its URL. For property tests, once per example."""
    reset_plan(cluster, test_url.rsplit("=", 1)[1], sample_url.rsplit("=", 1)[1])
    return test_url


def _blank_plan_row(cluster: Cluster, plan: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(
        f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/{DATABASE}"
    )
    with engine.begin() as db:
        db.execute(text(f'SET LOCAL search_path TO "{plan}"'))
        # As planner.store._create_schema makes a fresh file's plan row.
        db.execute(
            Plan.__table__.insert().values(id=1, title="Untitled plan", start_date=dt.date.today())
        )
    engine.dispose()


@pytest.fixture(scope="session")
def pg_test_plan(pg_cluster: Cluster) -> str:
    """One plan reused by the parametrised tests, made blank again for each."""
    return new_plan(pg_cluster, "shared")


@pytest.fixture(params=["file", "server"])
def any_store(request: pytest.FixtureRequest):
    """A blank plan: in memory (as the file backend) or on the test server."""
    from planner.store import PlanStore

    if request.param == "file":
        store = PlanStore.in_memory()
    else:
        from planner.server.store import ServerStore

        cluster = request.getfixturevalue("pg_cluster")
        url = request.getfixturevalue("pg_test_plan")
        reset_plan(cluster, url.rsplit("=", 1)[1])
        store = ServerStore.open(url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def pg_sample_plan(pg_cluster: Cluster) -> str:
    """The bundled CRM sample plan on the server, made once; tests get copies of it."""
    from planner.server.store import ServerStore
    from planner.template import fill, template_data

    url = new_plan(pg_cluster, "sample")
    store = ServerStore.open(url)
    fill(store, template_data("crm"))
    store.close()
    return url


@pytest.fixture(params=["file", "server"])
def any_sample_store(request: pytest.FixtureRequest):
    """The CRM sample plan: in memory (as the file backend) or on the test server."""
    from planner.store import PlanStore
    from planner.template import fill, template_data

    if request.param == "file":
        store = PlanStore.in_memory()
        fill(store, template_data("crm"))
    else:
        from planner.server.store import ServerStore

        cluster = request.getfixturevalue("pg_cluster")
        source = request.getfixturevalue("pg_sample_plan").rsplit("=", 1)[1]
        url = request.getfixturevalue("pg_test_plan")
        reset_plan(cluster, url.rsplit("=", 1)[1], source)
        store = ServerStore.open(url)
    yield store
    store.close()
