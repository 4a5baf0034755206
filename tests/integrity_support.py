"""What every damaged plan must survive, shared by the fuzz tests and the named cases: it is
either refused with a clear PlanError, or it opens and goes through info, check, the report
data and a repair without any other exception. A refused file, once repaired, opens."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from app.cli_check import as_text
from app.cli_info import _text, plan_summary
from planner.errors import DamagedPlanFile, PlanError
from planner.repair import repair_file
from planner.report import build_pack
from planner.store import PlanStore
from planner.warnings import evaluate


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def exercise(path: Path, counts: Counter[str], *, repair_opened: bool = True) -> str:
    """Run `path` through everything that reads a plan; return 'refused' or 'opened'."""
    before = digest(path)
    try:
        store = PlanStore.open(path, read_only=True)
    except PlanError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message, message
        assert path.name in message or "plan" in message, message
        if isinstance(exc, DamagedPlanFile) and exc.problems:
            first = exc.problems[0]
            # The message names the record, the field and what is wrong with its value.
            assert first.describe() in message, message
        assert digest(path) == before, "a refused file was modified"
        counts["refused"] += 1
        if isinstance(exc, DamagedPlanFile) and exc.repairable:
            _repair_and_open(path, counts)
        elif isinstance(exc, DamagedPlanFile):
            # Not promised, but tried: a repair either writes a copy that opens or says why not.
            try:
                _repair_and_open(path, counts)
            except PlanError as cannot:
                assert str(cannot).strip() and "\n" not in str(cannot), str(cannot)
                counts["unrepairable"] += 1
        return "refused"
    try:
        _text(plan_summary(store), store)
        as_text(store, evaluate(store))
        build_pack(store)
    finally:
        store.close()
    assert digest(path) == before, "reading a plan modified it"
    counts["opened"] += 1
    if repair_opened:
        _repair_and_open(path, counts)
    return "opened"


def _repair_and_open(path: Path, counts: Counter[str]) -> None:
    out = path.with_name(path.stem + " (repaired).rollout")
    out.unlink(missing_ok=True)
    before = digest(path)
    # repair_file opens the copy through PlanStore before it returns (and deletes it and
    # raises if that fails), so a returned copy is one that opens cleanly.
    result = repair_file(path, out, on_change=lambda change: None)
    assert result.changes, "a repair reports what it did"
    assert digest(path) == before, "repair touched the original"
    assert out.is_file()
    counts["repaired"] += 1
    out.unlink()
