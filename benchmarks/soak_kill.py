"""Soak variant of tests/test_crash.py: SIGKILL a process in the middle of editing a plan many
times (1 000 by default; CI runs 50) and count what happened. After every kill the plan must
open, pass SQLite's integrity and foreign-key checks and hold every edit the child had
reported as committed.

    .venv/bin/python benchmarks/soak_kill.py [KILLS]

Prints one line per 100 kills and a summary; exit 1 if any kill lost an edit or left a file
that does not open cleanly. Not part of `make test` (it takes 10-20 minutes).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_crash import run_and_kill  # noqa: E402

from planner.errors import PlanError  # noqa: E402
from planner.model import Demand  # noqa: E402
from planner.store import PlanStore  # noqa: E402
from planner.template import create_from_template  # noqa: E402


def soak(kills: int, seed: int = 20261201) -> dict[str, int]:
    rng = random.Random(seed)
    counts = {"kills": 0, "mid_transaction": 0, "edits": 0, "lost": 0, "unopenable": 0}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "soak.rollout"
        create_from_template(path, "crm").close()
        journal = path.with_name(path.name + "-journal")
        next_edit = 0
        started = time.perf_counter()
        for n in range(1, kills + 1):
            last = run_and_kill(path, next_edit, rng)
            counts["kills"] += 1
            counts["mid_transaction"] += journal.exists() and journal.stat().st_size > 0
            try:
                store = PlanStore.open(path)  # rolls back a hot journal, if any
                titles = {d.title for d in store.rows(Demand)}
                store.close()
                conn = sqlite3.connect(path)
                sound = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                sound = sound and conn.execute("PRAGMA foreign_key_check").fetchall() == []
                conn.close()
            except PlanError as exc:
                print(f"kill {n}: the plan does not open: {exc}", file=sys.stderr)
                counts["unopenable"] += 1
                break
            if not sound:
                counts["unopenable"] += 1
            counts["lost"] += sum(1 for e in range(last + 1) if f"edit {e}" not in titles)
            next_edit = max([last + 1] + [int(t[5:]) + 1 for t in titles if t.startswith("edit ")])
            if n % 100 == 0:
                took = time.perf_counter() - started
                print(f"{n} kills, {next_edit} edits, {took:.0f} s", flush=True)
        counts["edits"] = next_edit
    return counts


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    counts = soak(kills)
    print(
        f"{counts['kills']} kills: {counts['mid_transaction']} inside a transaction, "
        f"{counts['edits']} edits committed, {counts['lost']} lost, "
        f"{counts['unopenable']} files that did not open cleanly"
    )
    return 0 if counts["lost"] == 0 and counts["unopenable"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
