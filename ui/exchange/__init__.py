"""Qt side of import and export: dialogs and the ways they start."""
