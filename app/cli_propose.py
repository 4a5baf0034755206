"""`rollout-planner propose PLAN [--phases N] [--from DATE] [--include-planned]
[--time-limit S] [--json] [--apply]`: propose small phases from the backlog.

Exit 0 with a proposal (or when there is nothing to propose), 1 when no feasible proposal
exists (the message says which rule makes it impossible), 2 on errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from app.cli import EXIT_OK, EXIT_PROBLEMS, PROG, UsageError, register
from planner.commands import UndoHistory
from planner.model import Demand, Department, Objective
from planner.propose.plan_problem import NoProposal, Options
from planner.propose.proposal import ApplyProposal, Proposal, propose
from planner.store import PlanStore
from planner.warnings.format import num


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a date; write it as YYYY-MM-DD") from None


def _add_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the plan file (*.rollout)")
    parser.add_argument(
        "--phases", type=int, metavar="N", help="propose N phases (default: until the backlog "
        "is empty)"
    )  # fmt: skip
    parser.add_argument(
        "--from", dest="start", metavar="DATE", help="first phase starts on or after DATE "
        "(default: after the phases that stay)"
    )  # fmt: skip
    parser.add_argument(
        "--include-planned", action="store_true",
        help="also re-plan the planned phases that are not pinned (their wishes are proposed "
        "again; the phases are replaced)",
    )  # fmt: skip
    parser.add_argument(
        "--time-limit", type=float, default=10.0, metavar="S",
        help="seconds the solver may search (default 10)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the proposal as JSON")
    parser.add_argument(
        "--apply", action="store_true", help="write the proposal into the plan (one edit)"
    )


def _as_dict(store: PlanStore, proposal: Proposal, applied: bool) -> dict[str, Any]:
    names = {d.id: d.name for d in store.rows(Department)}
    titles = {o.id: o.title for o in store.rows(Objective)}

    def wish(wish_id: int) -> dict[str, Any]:
        d = store.get(Demand, wish_id)
        return {"id": d.id, "title": d.title, "department": names.get(d.department_id),
                "effort": d.effort, "priority": d.priority.value, "votes": d.votes}  # fmt: skip

    return {
        "status": proposal.status,
        "value": proposal.value,
        "bound": proposal.bound,
        "gap": proposal.gap,
        "greedy_value": proposal.greedy_value,
        "seconds": round(proposal.seconds, 3),
        "applied": applied,
        "phases": [
            {
                "number": p.number,
                "title": p.title,
                "goal": p.goal,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "weeks": p.weeks,
                "effort": p.effort,
                "departments": [names.get(d) for d in p.department_ids],
                "load": {names.get(d, str(d)): e for d, e in p.dept_effort.items()},
                "completes": [titles.get(o) for o in p.completes],
                "needs_from": {str(n): ids for n, ids in p.needs_from.items()},
                "wishes": [wish(w) for w in p.wish_ids],
                "explanation": p.explanation,
            }
            for p in proposal.phases
        ],
        "left_out": [{**wish(w), "reason": why} for w, why in proposal.left_out],
        "not_placed": [wish(w) for w in proposal.unplaced],
        "replaced_phases": proposal.replaced_phase_ids,
    }


def _status(proposal: Proposal) -> str:
    if proposal.status == "optimal":
        return "optimal"
    gap = proposal.gap
    if proposal.status == "stopped":
        return "stopped early" + (f" (gap {gap:.1%})" if gap is not None else "")
    return "feasible" + (f", gap {gap:.1%} to the proven bound" if gap is not None else "")


def _text(store: PlanStore, proposal: Proposal, applied: bool) -> str:
    data = _as_dict(store, proposal, applied)
    lines = [
        f"{len(proposal.phases)} phase{'s' if len(proposal.phases) != 1 else ''} proposed "
        f"({_status(proposal)}; value {num(proposal.value)}, greedy {num(proposal.greedy_value)}"
        f", {proposal.seconds:.1f} s)"
    ]
    for phase in data["phases"]:
        lines += [
            "",
            f"{phase['number']}. {phase['title']}",
            f"   {phase['start']} → {phase['end']} ({phase['weeks']} week"
            f"{'s' if phase['weeks'] != 1 else ''}), "
            f"{num(phase['effort'])} person-days",
            f"   Goal: {phase['goal']}",
        ]
        for w in phase["wishes"]:
            lines.append(
                f"   - {w['title']} ({w['department']}, {num(w['effort'])} pd, {w['priority']}"
                + (f", {w['votes']} vote{'s' if w['votes'] != 1 else ''}" if w["votes"] else "")
                + ")"
            )
        lines.append(f"   Why: {phase['explanation']}")
    if data["left_out"]:
        lines += ["", "Left in the backlog:"]
        lines += [f"   - {w['title']}: {w['reason']}" for w in data["left_out"]]
    if data["not_placed"]:
        lines += ["", f"Not in these {len(proposal.phases)} phases (for later):"]
        lines += [f"   - {w['title']}" for w in data["not_placed"]]
    if proposal.wont:
        lines += ["", f"{proposal.wont} won't-have wish{'es' if proposal.wont != 1 else ''} "
                  "left out, as always."]  # fmt: skip
    lines += ["", "Applied to the plan (one edit; undo it in the app)." if applied else
              "Nothing was changed; --apply writes it into the plan."]  # fmt: skip
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    if args.phases is not None and args.phases < 1:
        raise UsageError("--phases must be at least 1")
    if not 0 <= args.time_limit <= 3600:
        raise UsageError("--time-limit must be between 0 and 3600 seconds")
    start = _date(args.start) if args.start else None
    store = PlanStore.open(args.file, read_only=not args.apply)
    try:
        options = Options(
            phases=args.phases, start=start, include_planned=args.include_planned,
            time_limit=args.time_limit,
        )  # fmt: skip
        try:
            proposal = propose(store, options)
        except NoProposal as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        applied = False
        if args.apply and proposal.phases:
            UndoHistory(store).push(ApplyProposal(proposal))
            applied = True
        if args.json:
            print(json.dumps(_as_dict(store, proposal, applied), ensure_ascii=False, indent=2))
        elif proposal.empty:
            print("Nothing to propose: the backlog holds no wish that could be planned"
                  + (f" ({proposal.wont} won't-have)" if proposal.wont else "") + ".")  # fmt: skip
        else:
            print(_text(store, proposal, applied))
    finally:
        store.close()
    return EXIT_OK


register("propose", "propose small phases from the backlog", _add_args, _run)
