"""Pure renderers: records in, rows and Rich text out (no widgets, no app, no I/O), so each is
tested without Pilot. ``values`` formats single values (ages, states, sizes of a list row),
``fields`` is the row model of the configuration and triggers panes, ``config`` and
``triggers`` build those panes' sections, ``durable`` an execution's rows and summary,
``logs`` one log line as the log view shows it."""
