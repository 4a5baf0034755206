"""One module per section of the pack: each turns its part of the PlanPack into pages."""
