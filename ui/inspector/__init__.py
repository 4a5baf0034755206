"""The inspector: a form for whatever is selected."""
