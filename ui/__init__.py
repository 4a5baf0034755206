"""Qt views over the planner. Thin: every edit goes through planner commands."""
