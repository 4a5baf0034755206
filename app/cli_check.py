"""`rollout-planner check FILE [--json]`: the plan's warnings, for scripts and as a
pre-meeting check.

Exit 0 when no open warning is a problem, 1 when some are (dismissed ones do not count: the
team has accepted them, with a reason), 2 for any error with the file or the arguments.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

from app.cli import EXIT_OK, EXIT_PROBLEMS, register
from planner.i18n import N_, _, ngettext
from planner.locations import open_plan, parse_location
from planner.model import Demand, Department, Phase
from planner.store import PlanStore
from planner.warnings import Severity, Warning, evaluate

# Translators: headings of `check`'s list, in capitals in English.
_HEADINGS = {
    Severity.PROBLEM: N_("PROBLEMS"),
    Severity.WARNING: N_("WARNINGS"),
    Severity.INFO: N_("NOTES"),
}


def _count(severity: Severity, n: int) -> str:
    if severity == Severity.PROBLEM:
        return ngettext("{n} problem", "{n} problems", n).format(n=n)
    if severity == Severity.WARNING:
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} note", "{n} notes", n).format(n=n)
_MODELS = {"phase": Phase, "department": Department, "demand": Demand}
WIDTH = 100


def _add_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=parse_location, help=_("the plan file (*.rollout) or postgresql:// URL")
    )
    parser.add_argument(
        "--json", action="store_true", help=_("print the warnings as a JSON list instead")
    )


def subject_name(store: PlanStore, warning: Warning) -> str:
    """What the warning is about, in words: 'phase Leads from web', 'plan'."""
    subject = warning.subject
    model = _MODELS.get(subject.kind)
    if model is None:
        return subject.kind
    row = store.find(model, subject.id)
    name = row.display_name if row is not None else f"#{subject.id}"
    if subject.kind == "phase":
        return _("phase '{name}'").format(name=name)
    if subject.kind == "department":
        return _("department '{name}'").format(name=name)
    return _("wish '{name}'").format(name=name)


def as_json(store: PlanStore, warnings: list[Warning]) -> str:
    items = []
    for warning in warnings:
        item = warning.as_dict()
        item["subject"]["name"] = subject_name(store, warning)
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


def as_text(store: PlanStore, warnings: list[Warning]) -> str:
    open_ = [w for w in warnings if not w.dismissed]
    counts = [
        _count(severity, n)
        for severity in _HEADINGS
        if (n := sum(1 for w in open_ if w.severity == severity))
    ]
    dismissed = len(warnings) - len(open_)
    summary = ", ".join(counts) or _("no warnings")
    if dismissed:
        summary = ngettext(
            "{summary} ({n} dismissed)", "{summary} ({n} dismissed)", dismissed
        ).format(summary=summary, n=dismissed)
    lines = [f"{store.plan.title}: {summary}"]
    explained: set[str] = set()  # each principle once: the list stays readable
    for severity, heading in _HEADINGS.items():
        group = [w for w in warnings if w.severity == severity]
        if not group:
            continue
        lines += ["", _(heading)]
        for warning in group:
            lines += _entry(warning, warning.principle not in explained)
            explained.add(warning.principle)
    return "\n".join(lines)


def _entry(warning: Warning, explain: bool) -> list[str]:
    def wrap(text: str, first: str, rest: str) -> list[str]:
        return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest)

    head = f"  [{warning.code}] "
    lines = wrap(warning.message, head, " " * 6)
    if warning.dismissed:
        lines += wrap(
            _("Dismissed: {reason}").format(reason=warning.dismissed_reason), " " * 6, " " * 8
        )
    if explain:
        # Translators: "Why:" and "Fix:" head indented lines; the indent after them is 11.
        lines += wrap(_("Why: {principle}").format(principle=warning.principle), " " * 6, " " * 11)
    for fix in warning.fixes:
        lines += wrap(_("Fix: {fix}").format(fix=fix.label), " " * 6, " " * 11)
    return lines


def check(path: Path, *, json_output: bool) -> int:
    store = open_plan(path, read_only=True)
    try:
        warnings = evaluate(store)
        print(as_json(store, warnings) if json_output else as_text(store, warnings))
    finally:
        store.close()
    problems = any(w.severity == Severity.PROBLEM and not w.dismissed for w in warnings)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _run(args: argparse.Namespace) -> int:
    return check(args.file, json_output=args.json)


register("check", N_("list a plan's warnings (exit 1 if any is a problem)"), _add_args, _run)
