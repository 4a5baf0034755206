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
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_OK, EXIT_PROBLEMS, PROG, UsageError, register
from app.enum_words import priority_word
from planner.commands import UndoHistory
from planner.i18n import N_, _, ngettext
from planner.i18n.formats import decimal_sign, format_share, iso_or_local_date
from planner.model import Demand, Department, Objective
from planner.store import PlanStore

if TYPE_CHECKING:
    from planner.propose.milestones import MilestoneChange
    from planner.propose.proposal import Proposal
from planner.warnings.format import num


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            _("'{text}' is not a date; write it as YYYY-MM-DD").format(text=text)
        ) from None


def _add_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=_("the plan file (*.rollout)"))
    parser.add_argument(
        "--phases", type=int, metavar="N", help=_("propose N phases (default: until the backlog "
        "is empty)")
    )  # fmt: skip
    parser.add_argument(
        "--from", dest="start", metavar="DATE", help=_("first phase starts on or after DATE "
        "(default: after the phases that stay)")
    )  # fmt: skip
    parser.add_argument(
        "--include-planned", action="store_true",
        help=_("also re-plan the planned phases that are not pinned (their wishes are proposed "
        "again; the phases are replaced)"),
    )  # fmt: skip
    parser.add_argument(
        "--time-limit", type=float, default=10.0, metavar="S",
        help=_("seconds the solver may search (default 10)"),
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help=_("print the proposal as JSON"))
    parser.add_argument(
        "--apply", action="store_true", help=_("write the proposal into the plan (one edit)")
    )


def _as_dict(
    store: PlanStore, proposal: Proposal, applied: bool,
    milestones: list[MilestoneChange] | None = None,
) -> dict[str, Any]:  # fmt: skip
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
        # What accepting it all does to the replaced phases' milestones.
        "milestones": [
            {"id": m.milestone_id, "title": m.title, "kind": m.kind.value, "action": m.action,
             "phase": m.to_phase if m.action in ("move", "add") else None,
             "date": m.date.isoformat()}
            for m in milestones or []
        ],
    }


def _status(proposal: Proposal) -> str:
    if proposal.status == "optimal":
        # Translators: the solver proved the proposal the best possible.
        return _("optimal")
    gap = proposal.gap
    share = format_share(gap) if gap is not None else ""
    if proposal.status == "stopped":
        if gap is None:
            return _("stopped early")
        return _("stopped early (gap {gap})").format(gap=share)
    if gap is None:
        return _("feasible")
    return _("feasible, gap {gap} to the proven bound").format(gap=share)


def _text(
    store: PlanStore, proposal: Proposal, applied: bool, milestones: list[MilestoneChange]
) -> str:
    data = _as_dict(store, proposal, applied)
    n = len(proposal.phases)
    lines = [
        ngettext(
            "{n} phase proposed ({status}; value {value}, greedy {greedy}, {seconds} s)",
            "{n} phases proposed ({status}; value {value}, greedy {greedy}, {seconds} s)",
            n,
        ).format(
            n=n, status=_status(proposal), value=num(proposal.value),
            greedy=num(proposal.greedy_value),
            seconds=decimal_sign(format(proposal.seconds, ".1f")),
        )
    ]
    for phase in data["phases"]:
        lines += [
            "",
            f"{phase['number']}. {phase['title']}",
            ngettext(
                "   {start} → {end} ({weeks} week), {effort} person-days",
                "   {start} → {end} ({weeks} weeks), {effort} person-days",
                phase["weeks"],
            ).format(
                start=iso_or_local_date(phase["start"]), end=iso_or_local_date(phase["end"]),
                weeks=phase["weeks"], effort=num(phase["effort"]),
            ),
            _("   Goal: {goal}").format(goal=phase["goal"]),
        ]
        for w in phase["wishes"]:
            votes = (
                ngettext(", {n} vote", ", {n} votes", w["votes"]).format(n=w["votes"])
                if w["votes"]
                else ""
            )
            lines.append(
                _("   - {title} ({department}, {effort} pd, {priority}{votes})").format(
                    title=w["title"], department=w["department"], effort=num(w["effort"]),
                    priority=priority_word(w["priority"]), votes=votes,
                )
            )
        lines.append(_("   Why: {explanation}").format(explanation=phase["explanation"]))
    if data["left_out"]:
        lines += ["", _("Left in the backlog:")]
        lines += [f"   - {w['title']}: {w['reason']}" for w in data["left_out"]]
    if data["not_placed"]:
        lines += ["", ngettext("Not in this {n} phase (for later):",
                               "Not in these {n} phases (for later):", n).format(n=n)]
        lines += [f"   - {w['title']}" for w in data["not_placed"]]
    if milestones:
        titles = {p.number: p.title for p in proposal.phases}
        lines += ["", _("Milestones, when all phases are accepted:")]
        lines += [f"   - {m.describe(titles)}" for m in milestones]
    if proposal.wont:
        lines += ["", ngettext("{n} won't-have wish left out, as always.",
                               "{n} won't-have wishes left out, as always.",
                               proposal.wont).format(n=proposal.wont)]  # fmt: skip
    lines += ["", _("Applied to the plan (one edit; undo it in the app).") if applied else
              _("Nothing was changed; --apply writes it into the plan.")]  # fmt: skip
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    # The proposer (HiGHS, numpy) is imported when the command runs, not when the command
    # line (or the app, which shares it) starts.
    from planner.propose.milestones import milestone_changes
    from planner.propose.plan_problem import NoProposal, Options
    from planner.propose.proposal import ApplyProposal, propose

    if args.phases is not None and args.phases < 1:
        raise UsageError(_("--phases must be at least 1"))
    if not 0 <= args.time_limit <= 3600:
        raise UsageError(_("--time-limit must be between 0 and 3600 seconds"))
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
        milestones = milestone_changes(store, proposal)  # before applying: the plan as it is
        if args.apply and proposal.phases:
            UndoHistory(store).push(ApplyProposal(proposal))
            applied = True
        if args.json:
            print(json.dumps(_as_dict(store, proposal, applied, milestones), ensure_ascii=False,
                             indent=2))  # fmt: skip
        elif proposal.empty:
            if proposal.wont:
                print(ngettext(
                    "Nothing to propose: the backlog holds no wish that could be planned "
                    "({n} won't-have).",
                    "Nothing to propose: the backlog holds no wish that could be planned "
                    "({n} won't-have).",
                    proposal.wont,
                ).format(n=proposal.wont))
            else:
                print(_("Nothing to propose: the backlog holds no wish that could be planned."))
        else:
            print(_text(store, proposal, applied, milestones))
    finally:
        store.close()
    return EXIT_OK


register("propose", N_("propose small phases from the backlog"), _add_args, _run)
