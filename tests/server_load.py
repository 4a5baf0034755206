"""The load test's driver, shared by tests/test_server_load.py and benchmarks/bench_server.py:
N processes editing one plan at once, then the checks of issue 15."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def run_clients(url: str, clients: int, edits: int, folder: Path) -> list[dict[str, Any]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent), str(HERE)]))
    procs = []
    for i in range(clients):
        out = folder / f"client{i}.json"
        procs.append((subprocess.Popen(
            [sys.executable, str(HERE / "server_load_child.py"), url, str(edits), str(i), str(out)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        ), out))
    try:
        for proc, _ in procs:
            line = proc.stdout.readline()
            assert line.strip() == "done", f"a client failed: {line!r}"
        for proc, _ in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc, _ in procs:
            assert proc.wait(120) == 0
    finally:
        for proc, _ in procs:
            if proc.poll() is None:
                proc.kill()
    return [json.loads(out.read_text()) for _, out in procs]


def replay(start: dict[str, list[dict]], log: list[tuple[int, str, str]]) -> dict[str, list]:
    """The plan `start` with every change-log entry applied in order, as `dump` gives it."""
    tables = {t: {r["id"]: dict(r) for r in rows} for t, rows in start.items()}
    for _seq, _client, text in log:
        for change in json.loads(text):
            table = tables[change["t"]]
            if change["a"] is None:
                del table[change["id"]]
            elif change["b"] is None:
                table[change["id"]] = dict(change["a"])
            else:
                table[change["id"]].update(change["a"])
    return {t: [rows[i] for i in sorted(rows)] for t, rows in tables.items()}


def read_log(url: str) -> list[tuple[int, str, str]]:
    import psycopg

    from planner.server.address import parse

    address = parse(url)
    with psycopg.connect(address.conninfo) as conn:
        return conn.execute(
            f'SELECT seq, client, changes FROM "{address.plan}".change_log ORDER BY seq'
        ).fetchall()
