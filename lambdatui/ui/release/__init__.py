"""Releases in the function view: publish, aliases, version deletes, their undo, and the
traffic shift (its form, its live pane, the app-wide runner and the start-up resume)."""
