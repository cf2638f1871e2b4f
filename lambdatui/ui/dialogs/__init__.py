"""Questions asked over the current screen, for any feature: a yes/no (``confirm``: also the
guarded confirmation of a change, a name to type on production) and one line of text
(``prompt``). A feature's own dialogs live with the feature (``invoke/dialogs.py``,
``screens/edit_confirm.py``, ``screens/durable_stop.py``)."""
