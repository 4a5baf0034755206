"""Qt item models over the plan: thin adapters, one per file, no business logic."""
