"""Small widgets used across the main window."""
