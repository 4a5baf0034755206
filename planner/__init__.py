"""Rollout Planner's domain: the plan, its file, the commands that edit it and the rules
that check it. Plain Python over SQLAlchemy; no Qt widgets are imported here."""
