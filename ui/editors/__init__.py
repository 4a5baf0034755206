"""Editors for record fields: one factory shared by the table cells and the inspector."""
