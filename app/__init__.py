"""Entry point: the command line and the QApplication bootstrap."""
