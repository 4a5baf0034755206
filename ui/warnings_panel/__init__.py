"""The warnings panel: the plan's warnings by severity, their principles, fixes, dismissals."""
