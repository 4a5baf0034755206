"""Several people on one plan on a PostgreSQL server: live updates, conflicts, undo of own
edits only, read-only roles, copying plans between file and server."""

from __future__ import annotations

import datetime as dt
import time

import psycopg
import pytest

from app.cli import main
from planner.commands import CreateRow, MoveDemands, UndoHistory, UpdateRow
from planner.dump import dump
from planner.errors import PlanFileReadOnly
from planner.model import Demand, Department, Phase
from planner.server.errors import EditConflict, ServerError
from planner.server.store import ServerStore
from planner.store import PlanStore
from planner.template import fill, template_data
from planner.warnings import WarningsEngine

pytest_plugins = ("pg_fixtures",)
DATABASE = "plans"  # as in pg_fixtures (not imported here: pytest loads it as a plugin)


def new_plan(cluster, prefix: str = "t") -> str:  # noqa: ANN001
    from pg_fixtures import new_plan

    return new_plan(cluster, prefix)


def as_role(url: str, role: str) -> str:
    return url.replace("postgres@", f"{role}@", 1)


@pytest.fixture
def team_plan(pg_cluster) -> str:
    """A fresh plan with the sample's rows, and its URL (as the superuser)."""
    url = new_plan(pg_cluster)
    store = ServerStore.open(as_role(url, "kari"))
    fill(store, template_data("crm"))
    store.close()
    return url


@pytest.fixture
def kari_and_ola(team_plan):
    kari = ServerStore.open(as_role(team_plan, "kari"))
    ola = ServerStore.open(as_role(team_plan, "ola"))
    yield kari, ola
    kari.close()
    ola.close()


def poll_until(store: ServerStore, condition, seconds: float = 1.0) -> float:
    """Poll as the app does until `condition()`; how long it took. Fails after `seconds`."""
    start = time.perf_counter()
    while not condition():
        assert time.perf_counter() - start < seconds, "the change did not arrive in time"
        store.poll(0.05)
    return time.perf_counter() - start


def wish(store: PlanStore, title: str) -> Demand:
    return next(d for d in store.rows(Demand) if d.title == title)


def test_an_edit_reaches_the_other_client_and_its_warnings_within_a_second(kari_and_ola):
    kari, ola = kari_and_ola
    warnings = WarningsEngine(ola)
    phase = next(p for p in kari.rows(Phase) if p.status == "planned")
    def too_long() -> bool:
        return any(
            w.code == "phase-too-long" and w.subject.id == phase.id for w in warnings.warnings
        )

    assert not too_long()
    # Kari makes a planned phase a year long: Ola's warnings must say it is too long.
    UndoHistory(kari).push(
        UpdateRow(Phase, phase.id, {"end_date": phase.start_date + dt.timedelta(days=365)})
    )
    seen_before = dump(ola)
    poll_until(ola, lambda: ola.get(Phase, phase.id).end_date == kari.get(Phase, phase.id).end_date)
    assert dump(ola) == dump(kari) != seen_before
    assert too_long()


def test_an_added_row_arrives_with_the_same_id(kari_and_ola):
    kari, ola = kari_and_ola
    dept = kari.rows(Department)[0]
    command = CreateRow(
        Demand, {"title": "Win-back calls (new)", "department_id": dept.id, "effort": 3}
    )
    UndoHistory(kari).push(command)
    poll_until(ola, lambda: any(d.title == "Win-back calls (new)" for d in ola.rows(Demand)))
    assert wish(ola, "Win-back calls (new)").id == wish(kari, "Win-back calls (new)").id
    assert dump(ola) == dump(kari)


def test_conflicting_moves_one_wins_and_the_other_is_told_who_did_what(kari_and_ola):
    kari, ola = kari_and_ola
    target = next(d for d in kari.rows(Demand) if d.phase_id is not None)
    phases = kari.rows(Phase)
    to_kari = next(p for p in phases if p.id != target.phase_id)
    to_ola = next(p for p in phases if p.id not in (target.phase_id, to_kari.id))
    before_ola = dump(ola)
    UndoHistory(kari).push(MoveDemands([target.id], to_kari.id))
    # Ola has not seen Kari's move yet and moves the same wish elsewhere.
    with pytest.raises(EditConflict) as refused:
        UndoHistory(ola).push(MoveDemands([target.id], to_ola.id))
    message = str(refused.value)
    assert message.startswith(f"kari moved '{target.title}' to phase '{to_kari.title}'")
    assert "a moment ago" in message and "was not applied" in message
    # Ola now sees the current state (Kari's move) and nothing of Ola's own attempt.
    assert ola.get(Demand, target.id).phase_id == to_kari.id
    assert dump(ola) == dump(kari) != before_ola
    fresh = ServerStore.open(ola.address.display)
    assert dump(fresh) == dump(kari)
    fresh.close()


def test_edits_of_different_rows_both_apply(kari_and_ola):
    kari, ola = kari_and_ola
    first, second = kari.rows(Demand)[:2]
    UndoHistory(kari).push(UpdateRow(Demand, first.id, {"effort": 11.0}))
    UndoHistory(ola).push(UpdateRow(Demand, second.id, {"effort": 12.0}))  # unseen, no clash
    assert ola.get(Demand, first.id).effort == 11.0  # applied on the way
    poll_until(kari, lambda: kari.get(Demand, second.id).effort == 12.0)
    assert dump(kari) == dump(ola)


def test_undo_undoes_only_own_edits_and_refuses_after_someone_else_changed_the_row(
    kari_and_ola,
):
    kari, ola = kari_and_ola
    row = kari.rows(Demand)[0]
    kari_history, ola_history = UndoHistory(kari), UndoHistory(ola)
    kari_history.push(UpdateRow(Demand, row.id, {"title": "Kari's title"}))
    poll_until(ola, lambda: ola.get(Demand, row.id).title == "Kari's title")
    ola_history.push(UpdateRow(Demand, row.id, {"title": "Ola's title"}))
    poll_until(kari, lambda: kari.get(Demand, row.id).title == "Ola's title")
    before = dump(kari)
    with pytest.raises(
        EditConflict,
        match=r"^ola renamed the wish 'Kari's title' to 'Ola's title' a moment ago — your "
        r"edit 'Undo .*' was not applied",
    ):
        kari_history.undo()
    assert dump(kari) == before
    assert kari_history.can_undo  # still there: it was not undone
    # Ola's own undo is fine and reaches Kari.
    ola_history.undo()
    poll_until(kari, lambda: kari.get(Demand, row.id).title == "Kari's title")


def test_undo_of_an_edit_nobody_else_touched_works_across_other_edits(kari_and_ola):
    kari, ola = kari_and_ola
    first, second = kari.rows(Demand)[:2]
    kari_history = UndoHistory(kari)
    kari_history.push(UpdateRow(Demand, first.id, {"votes": 7}))
    UndoHistory(ola).push(UpdateRow(Demand, second.id, {"votes": 9}))
    kari_history.undo()
    assert kari.get(Demand, first.id).votes == first.votes
    assert kari.get(Demand, second.id).votes == 9
    poll_until(ola, lambda: ola.get(Demand, first.id).votes == first.votes)


def test_read_only_role_opens_read_only_and_can_change_nothing(team_plan, tmp_path, capsys):
    reader = ServerStore.open(as_role(team_plan, "reader"))
    try:
        assert reader.read_only
        assert "your server role 'reader' may only read this plan" in reader.read_only_reason
        before = dump(reader)
        with pytest.raises(PlanFileReadOnly):
            UndoHistory(reader).push(UpdateRow(Demand, reader.rows(Demand)[0].id, {"votes": 3}))
        assert dump(reader) == before
    finally:
        reader.close()
    # Behind the app's back, the server itself refuses.
    plan = team_plan.rsplit("=", 1)[1]
    with (
        psycopg.connect(as_role(team_plan.split("?")[0], "reader")) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(f'UPDATE "{plan}".demand SET votes = 3')
    # From the command line: the reader can take a copy home but cannot publish.
    home = tmp_path / "home.rollout"
    assert main(["copy", as_role(team_plan, "reader"), str(home)]) == 0
    target = as_role(team_plan, "reader").replace(plan, "reader-copy")
    assert main(["copy", str(home), target]) == 2
    assert "may not create plans" in capsys.readouterr().err


def test_copy_file_to_server_and_back_keeps_every_row(pg_cluster, sample_file, tmp_path, capsys):
    url = pg_cluster.url(DATABASE, user="kari", plan="crm-2027")
    assert main(["copy", str(sample_file), url]) == 0
    assert "Copied" in capsys.readouterr().out
    assert main(["copy", str(sample_file), url]) == 2  # never overwrites a plan
    assert "already a plan 'crm-2027'" in capsys.readouterr().err
    back = tmp_path / "back.rollout"
    assert main(["copy", url, str(back)]) == 0
    original, server = PlanStore.open(sample_file), ServerStore.open(url)
    copy = PlanStore.open(back)
    try:
        assert dump(server) == dump(original) == dump(copy)
        # Ids continue after the copied ones on the server.
        dept = server.rows(Department)[0]
        UndoHistory(server).push(CreateRow(Demand, {"title": "New", "department_id": dept.id}))
        assert wish(server, "New").id == max(d.id for d in original.rows(Demand)) + 1
    finally:
        original.close(), server.close(), copy.close()
    assert main(["list", pg_cluster.url(DATABASE, user="kari")]) == 0
    listing = capsys.readouterr().out
    assert "crm-2027" in listing and original.plan.title in listing
    assert main(["info", url]) == 0
    assert original.plan.title in capsys.readouterr().out


def test_bad_locations_get_one_line_messages(pg_cluster, capsys):
    assert main(["info", pg_cluster.url(DATABASE, plan="no-such-plan")]) == 2
    assert "There is no plan 'no-such-plan'" in capsys.readouterr().err
    assert main(["info", pg_cluster.url(DATABASE)]) == 2
    assert "names no plan" in capsys.readouterr().err
    assert main(["info", pg_cluster.url(DATABASE, plan="Bad Name!")]) == 2
    assert "cannot name a plan" in capsys.readouterr().err
    dead = f"postgresql://kari@127.0.0.1:1/{DATABASE}?plan=x"
    assert main(["info", dead]) == 2
    err = capsys.readouterr().err
    assert "Cannot reach the server" in err and len(err.strip().splitlines()) == 1


def test_password_in_url_is_never_displayed(pg_cluster):
    from planner.server.address import parse

    address = parse("postgresql://kari:s3cret@127.0.0.1:5432/plans?plan=a&sslmode=prefer")
    assert "s3cret" not in address.display and "s3cret" in address.conninfo
    assert "sslmode=prefer" in address.conninfo and "plan=" not in address.conninfo
    assert address.display == "postgresql://kari@127.0.0.1:5432/plans?sslmode=prefer&plan=a"


def test_a_plan_that_exists_is_not_created_again(pg_cluster):
    url = new_plan(pg_cluster)
    with pytest.raises(ServerError, match="already a plan"):
        ServerStore.create(url)


def test_passwords_come_from_libpq_or_the_caller_never_from_settings(
    team_plan, tmp_path, monkeypatch
):
    from planner.server.connection import PasswordNeeded

    url = as_role(team_plan, "secret")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(PasswordNeeded, match="needs a password"):
        ServerStore.open(url)
    store = ServerStore.open(url, password="open sesame")  # as typed into the app's prompt
    assert store.location == url and "sesame" not in store.location
    store.close()
    # A pgpass file, as libpq reads it (PGPASSFILE or ~/.pgpass).
    port = url.split(":")[2].split("/")[0]
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{port}:{DATABASE}:secret:open sesame\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    store = ServerStore.open(url)
    assert store.read_only and store.plan.title
    store.close()


def test_sslmode_goes_to_libpq(team_plan):
    with pytest.raises(ServerError, match="SSL") as refused:
        ServerStore.open(team_plan + "&sslmode=require")  # the test server has no SSL
    assert "\n" not in str(refused.value)
    store = ServerStore.open(team_plan + "&sslmode=prefer")
    assert "sslmode=prefer" in store.location
    store.close()


def test_an_older_plan_on_the_server_is_upgraded_by_the_migrations_on_open(pg_cluster):
    from sqlalchemy import create_engine, text

    from planner import fileformat
    from planner.migrate import migrate_connection
    from planner.server.address import parse
    from planner.server.connection import connect
    from planner.server.schema import revision

    url = pg_cluster.url(DATABASE, plan="format-four")
    address = parse(url)
    engine = create_engine("postgresql+psycopg://", creator=lambda: connect(address))
    with engine.begin() as db:  # a plan as a format-4 client made it
        db.exec_driver_sql('CREATE SCHEMA "format-four"')
        db.exec_driver_sql('SET LOCAL search_path TO "format-four"')
        migrate_connection(db, "0004")
        assert revision(db, "format-four") == "0004"
        db.execute(text("INSERT INTO department (name, colour, head, capacity, "
                        "support_contact, is_it, position) VALUES ('Sales', '#0072b2', '', "
                        "5, '', false, 0)"))
    store = ServerStore.open(url)
    try:
        assert [d.name for d in store.rows(Department)] == ["Sales"]
        UndoHistory(store).push(UpdateRow(Department, store.rows(Department)[0].id,
                                          {"capacity": 6.0}))  # logs: format 5 is there
    finally:
        store.close()
    with engine.connect() as db:
        assert revision(db, "format-four") == fileformat.HEAD_REVISION
        assert db.exec_driver_sql('SELECT count(*) FROM "format-four".change_log').scalar() == 1
    engine.dispose()


def test_a_server_plan_breaking_the_plans_rules_is_refused_like_a_file(  # noqa: ANN001
    pg_cluster, team_plan
) -> None:
    """The server enforces types and keys; the plan's own rules (dates 1990-2200, the working
    week) are checked on open as for a file, and the plan is left as it was."""
    from planner.errors import DamagedPlanFile

    schema = team_plan.rsplit("=", 1)[1]
    pg_cluster.sql(f"UPDATE \"{schema}\".phase SET start_date = '1900-01-01' WHERE id = 1",
                   DATABASE)
    pg_cluster.sql(f"UPDATE \"{schema}\".plan SET working_days = '9x9'", DATABASE)
    with pytest.raises(DamagedPlanFile) as refused:
        ServerStore.open(team_plan)
    assert "1900-01-01" in str(refused.value) and "(and 1 more)" in str(refused.value)
    assert {p.field for p in refused.value.problems} == {"start_date", "working_days"}
    assert not refused.value.repairable
