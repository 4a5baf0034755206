"""The main window's menus, one module each."""
