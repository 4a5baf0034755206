"""Plans in and out of the tools users already have: spreadsheets, MS Project, calendars.

Everything read here is untrusted input; no Qt (the UI and the command line sit on top).
"""
