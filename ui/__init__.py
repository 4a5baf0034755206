"""Qt views over the planner. Thin: every edit goes through planner commands."""

from ui.pyside_guard import guard as _guard_refcounts

_guard_refcounts()
