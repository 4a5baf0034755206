"""The warnings engine: rules that read a plan and say, with the numbers and the principle
at stake, where it is overloaded or unfounded — and offer fixes as undoable commands.

- `evaluate(store, index=None)`: every warning, worst first (the CLI, the PDF pack).
- `WarningsEngine(store)`: the same list kept current after each edit (the UI).
- `Dismiss` / `Undismiss`: accept a warning for a subject, with a reason.
- `CODES`: every code the engine raises, for help texts and tests.
"""

from planner.warnings.dismissals import Dismiss, Undismiss
from planner.warnings.engine import WarningsEngine, evaluate
from planner.warnings.rules import RULES
from planner.warnings.types import Fix, Severity, Subject, Warning

CODES: tuple[str, ...] = tuple(sorted({rule.code for rule in RULES} | {"baseline-unreadable"}))

__all__ = [
    "CODES",
    "Dismiss",
    "Fix",
    "RULES",
    "Severity",
    "Subject",
    "Undismiss",
    "Warning",
    "WarningsEngine",
    "evaluate",
]
